namespace ProtocolLang.Diagnostics;

/// <summary>PL221x: <c>model logistic</c>, <c>model poisson</c>, <c>model negative_binomial</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor LogisticResponseNotBinary { get; } = Error("PL2210", "Logistic model response not bool",
        "the response of a logistic model must be bool (a bool column or derive, or a binary outcome); '{0}' is {1}; derive one first, e.g. 'derive responder = {0} >= 10'", Analyses);

    public static DiagnosticDescriptor CountResponseNotCount { get; } = Error("PL2211", "Count model response not a count",
        "the response of a {0} model must be a count (an integer column or derive, or a count outcome); '{1}' is {2}", Analyses);

    public static DiagnosticDescriptor OffsetNotNumeric { get; } = Error("PL2212", "Offset not numeric",
        "the offset '{0}' is {1}; an offset is a numeric subject-level value added to the linear predictor, e.g. 'offset log(person_years)'", Analyses);

    public static DiagnosticDescriptor GlmResponseTransform { get; } = Error("PL2213", "Transformed GLM response",
        "'{0}(...)' transforms the response; a {1} model takes its response as it is (the link function does the transforming)", Analyses);
}
