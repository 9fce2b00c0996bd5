namespace ProtocolLang.Diagnostics;

/// <summary>
/// Diagnostics of the expression language v2: misspelt keywords, R habits and child-table aggregates
/// (issue 12, items 5 and 8). IDs PL1040-1049 (syntax), PL2160-2179 (binding).
/// </summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor MisspeltDeclarationKeyword { get; } = Error("PL1040", "Misspelt declaration keyword",
        "expected a declaration but found '{0}'; did you mean '{1}'?", SyntaxCategory);

    public static DiagnosticDescriptor MisspeltKeyword { get; } = Error("PL1041", "Misspelt keyword",
        "expected {0} but found '{1}'; did you mean '{2}'?", SyntaxCategory);

    public static DiagnosticDescriptor RAssignmentInPredicate { get; } = Error("PL1042", "'=' used as a comparison",
        "'=' does not compare; use '==' (expected {0} but found '=')", SyntaxCategory);

    public static DiagnosticDescriptor RLogicalOperator { get; } = Error("PL1043", "R logical operator",
        "'{0}' is R's logical operator; use '{1}' (expected {2} but found '{0}')", SyntaxCategory);

    public static DiagnosticDescriptor RNegation { get; } = Error("PL1044", "R negation '!'",
        "'!' is R's negation; use '{0}' (expected {1} but found '!')", SyntaxCategory);

    public static DiagnosticDescriptor RIsNa { get; } = Error("PL1045", "R 'is.na'",
        "'is.na' is R's; use '{0}' (expected {1} but found 'is.na')", SyntaxCategory);

    public static DiagnosticDescriptor RInOperator { get; } = Error("PL1046", "R '%in%'",
        "'%in%' is R's; use 'x in (a, b)' (expected {0} but found '%in%')", SyntaxCategory);

    public static DiagnosticDescriptor RLogicalConstant { get; } = Error("PL2160", "R logical constant",
        "'{0}' is R's; use '{1}'", Binding);

    public static DiagnosticDescriptor RMissingConstant { get; } = Error("PL2161", "R 'NA'",
        "'NA' is R's; use 'missing' (and 'x is missing' to test for it)", Binding);

    public static DiagnosticDescriptor AggregateNotInSubjectDerive { get; } = Error("PL2162", "Aggregate outside a subject-level derive",
        "'{0}' summarises a child table per subject and may only stand in a derived variable of table '{1}'; declare 'derive name = {0}(...)' and use the name here", Binding);

    public static DiagnosticDescriptor AggregateNeedsChildTable { get; } = Error("PL2163", "Aggregate without a child table",
        "'{0}' summarises the rows of a child table of '{1}' ({2}): write its column as table.column, or for count the table name", Binding);

    public static DiagnosticDescriptor AggregateOverSeveralTables { get; } = Error("PL2164", "Aggregate over several tables",
        "'{0}' reads tables '{1}' and '{2}'; an aggregate summarises one child table", Binding);

    public static DiagnosticDescriptor AggregateNeedsOrder { get; } = Error("PL2165", "first/last without an order",
        "'{0}' takes rows of table '{1}' in time order, but {2}; write 'over COLUMN'", Binding);

    public static DiagnosticDescriptor ClauseNotAllowedInCall { get; } = Error("PL2166", "Clause not allowed in this call",
        "'{0}' is not allowed in '{1}(...)'; {2}", Binding);
}
