namespace ProtocolLang.Diagnostics;

/// <summary>
/// PL21xx: analyses checked against the catalog (<see cref="Catalog.AnalysisCatalog"/>): kinds, clauses, option
/// values, heads, scopes and ids. Each is documented in docs/diagnostics.md.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private const string Analyses = "Binding";

    public static DiagnosticDescriptor UnknownAnalysisKind { get; } = Error("PL2100", "Unknown analysis kind",
        "unknown analysis kind '{0}' after '{1}'; expected {2}{3}", Analyses);

    public static DiagnosticDescriptor AnalysisKindNotAvailable { get; } = Error("PL2101", "Analysis kind not available yet",
        "'{0} {1}' (R's {2}) is not available yet; '{0}' takes {3}", Analyses);

    public static DiagnosticDescriptor UnknownAnalysisOption { get; } = Error("PL2102", "Unknown analysis option",
        "'{0}' is not an option of {1}; expected {2}{3}", Analyses);

    public static DiagnosticDescriptor AnalysisOptionTwice { get; } = Error("PL2103", "Analysis option given twice",
        "option '{0}' is given more than once; it is already given at line {1}", Analyses);

    public static DiagnosticDescriptor BadOptionValue { get; } = Error("PL2104", "Bad option value",
        "unknown {0} '{1}' for {2}; expected {3}{4}", Analyses);

    public static DiagnosticDescriptor MissingAnalysisClause { get; } = Error("PL2105", "Missing analysis clause",
        "{0} needs {1}", Analyses);

    public static DiagnosticDescriptor ConflictingAnalysisClauses { get; } = Error("PL2106", "Conflicting analysis clauses",
        "'{0}' cannot be combined with '{1}' in one analysis", Analyses);

    public static DiagnosticDescriptor DuplicateAnalysisId { get; } = Error("PL2107", "Duplicate analysis id",
        "analysis id '{0}' is already used by the analysis at line {1}; give one of them another id with 'as'", Analyses);

    public static DiagnosticDescriptor InvalidAnalysisId { get; } = Error("PL2108", "Invalid analysis id",
        "analysis id '{0}' must start with a lower-case letter, then lower-case letters, digits or '_', at most 64 characters", Analyses);

    public static DiagnosticDescriptor WrongAnalysisHead { get; } = Error("PL2109", "Wrong analysis head",
        "{0} takes {1}; found {2}", Analyses);

    public static DiagnosticDescriptor ExpressionNotSupportedHere { get; } = Error("PL2110", "Expression where a name is needed",
        "not supported yet: {0} needs a variable name here; found the expression '{1}' (declare it with 'derive' and use its name)", Analyses);

    public static DiagnosticDescriptor NotAFactor { get; } = Error("PL2111", "Not a factor",
        "'{0}' of {1} needs a factor (a category, bool or derived categorical variable, or group); '{2}' is {3}", Analyses);

    public static DiagnosticDescriptor UnknownPopulation { get; } = Error("PL2112", "Unknown population",
        "unknown population '{0}'{1}", Analyses);

    public static DiagnosticDescriptor WhereNotForKind { get; } = Error("PL2113", "Where clause this analysis cannot take",
        "the where clause of {0} selects subjects; '{1}' is a column of table '{2}', whose rows only a mixed model of a repeated outcome on that table can select", Analyses);

    public static DiagnosticDescriptor TooManyValues { get; } = Error("PL2114", "Too many values",
        "'{0}' of {1} takes one {2}; found {3}", Analyses);

    public static DiagnosticDescriptor CoxTermNotSupported { get; } = Error("PL2115", "Cox term not supported",
        "not supported yet: a Cox model's terms are variables or expressions joined by '+', '*' or ':' (for factor(x), declare x as a category: one coefficient per level against the reference); found '{0}'", Analyses);

    public static DiagnosticDescriptor AdjustWithoutPairwise { get; } = Warning("PL2116", "Adjustment without pairwise tests",
        "'adjust' of logrank applies to the pairwise tests; without 'pairwise' it has no effect", Analyses);
}
