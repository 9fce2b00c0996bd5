namespace ProtocolLang.Diagnostics;

/// <summary>PL220x: <c>model linear</c> (and, next, the other regression kinds). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor LinearResponseNotNumeric { get; } = Error("PL2200", "Linear model response not numeric",
        "the response of a linear model must be numeric (a number or integer column or derive, or a continuous or count outcome); '{0}' is {1}", Analyses);

    public static DiagnosticDescriptor LinearRandomTerm { get; } = Error("PL2201", "Random effect in a linear model",
        "'{0}' is a random-effects term; a linear model has fixed terms only: use 'model mixed' for random effects", Analyses);

    public static DiagnosticDescriptor UnknownLinearTerm { get; } = Error("PL2202", "Unknown linear model term",
        "unknown term '{0}'; expected group, a group set, or a subject-level column, derived variable or outcome{1}", Analyses);

    public static DiagnosticDescriptor LinearTermNotAllowed { get; } = Error("PL2203", "Linear model term of the wrong kind",
        "'{0}' is {1}; a linear model term must be numeric, bool, categorical, group or a group set{2}", Analyses);
}
