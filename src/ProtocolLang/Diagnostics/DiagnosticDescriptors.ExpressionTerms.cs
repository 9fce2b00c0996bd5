namespace ProtocolLang.Diagnostics;

/// <summary>
/// PL2194-PL2197: expressions where a variable is accepted (issue 12, item 7). Each is documented in docs/diagnostics.md.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private const string ExpressionTerms = "Binding";

    public static DiagnosticDescriptor RowTermReadsSubject { get; } = Error("PL2194", "Mixed-model term over two tables",
        "the mixed-model term '{0}' reads both the rows of '{1}' ('{2}') and the subject's '{3}'; a term is evaluated over one table: "
        + "derive the subject-level part on '{1}' or write it as its own term", ExpressionTerms);

    public static DiagnosticDescriptor RowTermAsFactor { get; } = Error("PL2195", "factor() of a row expression",
        "not supported yet: factor({0}) of an expression over the rows of '{1}'; only the time column ('{2}') and subject-level variables can be made factors",
        ExpressionTerms);

    public static DiagnosticDescriptor InlineOutcomeNotHere { get; } = Error("PL2196", "Inline time_to_event where no outcome is analysed",
        "{0} cannot take '{1}': an inline time_to_event(time, event) is the outcome of kaplan_meier or logrank; "
        + "elsewhere declare it (outcome NAME: time_to_event(time, event)) and use its name", ExpressionTerms);
}
