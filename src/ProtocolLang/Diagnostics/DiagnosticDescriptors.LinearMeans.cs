namespace ProtocolLang.Diagnostics;

/// <summary>PL224x: the <c>means</c>, <c>contrast</c> and <c>adjust</c> options of <c>model linear</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor MeansNotATerm { get; } = Error("PL2240", "Marginal means of a factor not in the model",
        "'{0}' is not a term of the model; marginal means are of a factor term ({1})", Analyses);

    public static DiagnosticDescriptor MeansOfNumber { get; } = Error("PL2241", "Marginal means of a numeric term",
        "'{0}' is numeric and has no levels to average over; write factor({0}) in the formula to treat it as a factor", Analyses);

    public static DiagnosticDescriptor ContrastWithoutMeans { get; } = Error("PL2242", "Contrast without means",
        "'{0}' applies to marginal means; add 'means <factor>'", Analyses);

    public static DiagnosticDescriptor TukeyReferenceContrast { get; } = Error("PL2243", "Tukey adjustment of reference contrasts",
        "tukey's adjustment is for pairwise contrasts; for 'contrast reference' use dunnettx (the default), bonferroni, holm or none", Analyses);

    public static DiagnosticDescriptor MeansFactorCount { get; } = Error("PL2244", "Marginal means of the wrong number of factors",
        "'means' takes a factor, or a factor and the factor it is within (means dose, supp), each once; found {0}", Analyses);
}
