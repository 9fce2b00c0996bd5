namespace ProtocolLang.Diagnostics;

/// <summary>PL2xxx: names and types (the binder). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string Binding = "Binding";

    public static DiagnosticDescriptor UnknownType { get; } = Error("PL2001", "Unknown type",
        "unknown type '{0}'; expected number, integer, text, bool, date or category(...){1}", Binding);

    public static DiagnosticDescriptor DuplicateName { get; } = Error("PL2002", "Duplicate name",
        "duplicate {0} '{1}'; it is already declared at line {2}", Binding);

    public static DiagnosticDescriptor UnknownColumn { get; } = Error("PL2003", "Unknown column",
        "unknown column or derived variable '{0}' in table '{1}'{2}", Binding);

    public static DiagnosticDescriptor UnknownTable { get; } = Error("PL2004", "Unknown table",
        "unknown table '{0}'{1}", Binding);

    public static DiagnosticDescriptor SubjectTableNeedsKey { get; } = Error("PL2005", "Subject table needs a key",
        "table '{0}' is the subject table (the first table) and must declare a key: 'key <column>'", Binding);

    public static DiagnosticDescriptor UnknownKeyColumn { get; } = Error("PL2006", "Unknown key or link column",
        "{0} column '{1}' is not a column of table '{2}'{3}", Binding);

    public static DiagnosticDescriptor KeyTypeNotSupported { get; } = Error("PL2007", "Unsupported key type",
        "{0} column '{1}' must be text or integer; found {2}", Binding);

    public static DiagnosticDescriptor LinkTypeMismatch { get; } = Error("PL2008", "Link column type differs from the parent key",
        "link column '{0}' is {1}, but the key '{2}' of table '{3}' is {4}", Binding);

    public static DiagnosticDescriptor ParentMustBeSubjectTable { get; } = Error("PL2009", "Child table of a child table",
        "not supported yet: a table can only be 'of' the subject table '{0}'; found '{1}'", Binding);

    public static DiagnosticDescriptor DuplicateLevel { get; } = Error("PL2010", "Duplicate category level",
        "duplicate level '{0}' in category '{1}'", Binding);

    public static DiagnosticDescriptor UnknownLevel { get; } = Error("PL2011", "Unknown category level",
        "'{0}' is not a level of '{1}' ({2}){3}", Binding);

    public static DiagnosticDescriptor InvalidRange { get; } = Error("PL2012", "Invalid range",
        "range minimum {0} is greater than its maximum {1}", Binding);

    public static DiagnosticDescriptor RangeNotAllowed { get; } = Error("PL2013", "Range on a non-numeric column",
        "a range applies to number, integer or date columns; '{0}' is {1}", Binding);

    public static DiagnosticDescriptor UnitNotAllowed { get; } = Error("PL2014", "Unit on a non-numeric column",
        "a unit applies to number or integer columns; '{0}' is {1}", Binding);

    public static DiagnosticDescriptor TypeMismatch { get; } = Error("PL2015", "Type mismatch",
        "{0} must be {1}; found {2}", Binding);

    public static DiagnosticDescriptor OperatorTypeMismatch { get; } = Error("PL2016", "Operator applied to the wrong types",
        "operator '{0}' needs {1}; found {2}", Binding);

    public static DiagnosticDescriptor IncompatibleComparison { get; } = Error("PL2017", "Incompatible comparison",
        "cannot compare {0} with {1}", Binding);

    public static DiagnosticDescriptor UnknownFunction { get; } = Error("PL2018", "Unknown function",
        "unknown function '{0}'; known functions: {2}{1}", Binding);

    public static DiagnosticDescriptor WrongArgumentCount { get; } = Error("PL2019", "Wrong number of arguments",
        "function '{0}' takes {1}; found {2}", Binding);

    public static DiagnosticDescriptor BranchTypeMismatch { get; } = Error("PL2020", "if/else branches differ in type",
        "the branches of 'if' must have the same type; found {0} and {1}", Binding);

    public static DiagnosticDescriptor OutcomeTypeMismatch { get; } = Error("PL2021", "Outcome value of the wrong type",
        "{0} outcome '{1}' needs {2}; found {3}", Binding);

    public static DiagnosticDescriptor RepeatedTableNotChild { get; } = Error("PL2022", "Repeated outcome on a non-child table",
        "a repeated outcome needs a child table of the subject table '{0}'; '{1}' is not one", Binding);

    public static DiagnosticDescriptor UnknownGroup { get; } = Error("PL2023", "Unknown group",
        "unknown group '{0}'{1}", Binding);

    public static DiagnosticDescriptor UnknownVariable { get; } = Error("PL2024", "Unknown analysis variable",
        "unknown variable '{0}'; expected an outcome or a column or derived variable of '{1}'{2}", Binding);

    public static DiagnosticDescriptor VariableNotAllowed { get; } = Error("PL2025", "Variable not usable in this analysis",
        "{0} cannot use '{1}', which is {2}{3}", Binding);

    public static DiagnosticDescriptor TestDoesNotFit { get; } = Error("PL2026", "Test does not fit the variable",
        "test '{0}' needs {1} variable; '{2}' is {3}", Binding);

    public static DiagnosticDescriptor UnknownTest { get; } = Error("PL2027", "Unknown test",
        "unknown test '{0}'; expected one of {1}{2}", Binding);

    public static DiagnosticDescriptor GroupVersusItself { get; } = Error("PL2028", "Group compared with itself",
        "group '{0}' is compared with itself", Binding);

    public static DiagnosticDescriptor TwoGroupTestAcrossGroups { get; } = Error("PL2029", "Two-group test across more than two groups",
        "test '{0}' compares two groups, but the study has {1} groups; use {2} across groups, or a pairing such as 'A vs each'", Binding);

    public static DiagnosticDescriptor UnknownAdjust { get; } = Error("PL2030", "Unknown adjustment method",
        "unknown adjustment '{0}'; expected one of none, bonferroni, holm, hochberg, bh{1}", Binding);

    public static DiagnosticDescriptor NeedsTimeToEvent { get; } = Error("PL2031", "Analysis needs a time-to-event outcome",
        "{0} needs a time_to_event outcome; '{1}' is {2}", Binding);

    public static DiagnosticDescriptor NeedsRepeated { get; } = Error("PL2032", "Mixed model needs a repeated outcome",
        "a mixed model's response must be a repeated outcome; '{0}' is {1}", Binding);

    public static DiagnosticDescriptor UnknownModelTerm { get; } = Error("PL2033", "Unknown model term",
        "unknown term '{0}'; expected {1}{2}", Binding);

    public static DiagnosticDescriptor RandomGroupingNotLink { get; } = Error("PL2034", "Random effect not grouped by the link column",
        "random effects must be grouped by the link column '{0}' of table '{1}'; found '{2}'", Binding);

    public static DiagnosticDescriptor ReferenceNotATerm { get; } = Error("PL2035", "Reference for a variable that is not a term",
        "a reference level is given for '{0}', which is not a categorical term of this model", Binding);

    public static DiagnosticDescriptor UnknownTies { get; } = Error("PL2036", "Unknown ties method",
        "unknown ties method '{0}'; expected efron, breslow or exact{1}", Binding);

    public static DiagnosticDescriptor UnknownReportFormat { get; } = Error("PL2037", "Unknown report format",
        "unknown report format '{0}'; expected markdown, html, json or docx{1}", Binding);

    /// <summary>A declared name longer than <see cref="ProtocolLang.Binding.Binder.MaxNameLength"/>: it becomes part of C# identifiers.</summary>
    public static DiagnosticDescriptor NameTooLong { get; } = Error("PL2080", "Name too long",
        "{0} name '{1}' has {2} characters; a name may have at most {3} (it becomes part of C# identifiers)", Binding);

    public static DiagnosticDescriptor BadTemplateName { get; } = Error("PL2085", "Report template is not a Scriban file",
        "the report template '{0}' must be a relative path ending in .md.scriban (replaces the Markdown report) or .html.scriban (the HTML report)", Binding);

    public static DiagnosticDescriptor TemplateFormatNotWritten { get; } = Warning("PL2086", "Report template for a format not written",
        "the template '{0}' replaces the {1} report, which this study's formats do not include; it is not used", Binding);

    public static DiagnosticDescriptor GroupsMayOverlap { get; } = Warning("PL2038", "Groups may overlap",
        "groups {0} and {1} may overlap: their predicates do not test a shared column with different levels", Binding);

    public static DiagnosticDescriptor IdenticalGroups { get; } = Error("PL2039", "Groups with identical predicates",
        "groups {0} and {1} have identical predicates", Binding);

    public static DiagnosticDescriptor WhereNotSupported { get; } = Error("PL2040", "Unsupported where clause",
        "not supported yet: a part of a mixed model's where clause that tests group can only test group (group == X, group != X, group in (...), and, or, not); join other conditions to it with a top-level 'and'", Binding);

    public static DiagnosticDescriptor GroupNotAllowedHere { get; } = Error("PL2041", "'group' outside a model",
        "'group' is the study's group factor and can only be used in a mixed model's where clause", Binding);

    public static DiagnosticDescriptor CircularDerive { get; } = Error("PL2042", "Circular derived variable",
        "derived variable '{0}' depends on itself", Binding);

    public static DiagnosticDescriptor CrossTableReference { get; } = Error("PL2043", "Reference to another table",
        "an expression of table '{0}' cannot use columns of table '{1}'; a subject-level derive reads a child table through an aggregate: first({1}.column where ...), last, min, max, mean, sum, count, any, all", Binding);

    public static DiagnosticDescriptor UnknownTransform { get; } = Error("PL2044", "Unknown response transform",
        "unknown response transform '{0}'; expected log", Binding);

    public static DiagnosticDescriptor InValueNotConstant { get; } = Error("PL2045", "Non-constant value in 'in'",
        "the values of 'in (...)' must be constants (numbers, strings, levels, true/false)", Binding);

    public static DiagnosticDescriptor DuplicateDeclaration { get; } = Error("PL2046", "Declared twice",
        "'{0}' is declared more than once; it is already declared at line {1}", Binding);

    public static DiagnosticDescriptor NoGroups { get; } = Error("PL2047", "Analysis by group without groups",
        "this analysis is by group, but the study declares no groups", Binding);

    public static DiagnosticDescriptor RequiredNeverMissing { get; } = Warning("PL2048", "Required column is never missing",
        "'{0}' is a required column, so 'is {1}missing' is always {2}", Binding);

    public static DiagnosticDescriptor UnknownOption { get; } = Error("PL2049", "Unknown option value",
        "unknown {0} '{1}'; expected {2}", Binding);

    public static DiagnosticDescriptor NoTables { get; } = Error("PL2050", "No table",
        "study '{0}' declares no table; the first table is the subject table", Binding);

    public static DiagnosticDescriptor WhereExcludesAllGroups { get; } = Error("PL2051", "Where clause keeps no group",
        "the where clause keeps no group", Binding);

    public static DiagnosticDescriptor MissingAsComparand { get; } = Error("PL2052", "Comparison with missing",
        "a comparison with 'missing' is always missing; use 'is missing' or 'is not missing'", Binding);

    public static DiagnosticDescriptor UnknownTestOption { get; } = Error("PL2053", "Unknown test option",
        "'{0}' is not an option of {1}; {2}", Binding);

    public static DiagnosticDescriptor ConflictingTestOptions { get; } = Error("PL2054", "Conflicting test options",
        "test option '{0}' conflicts with '{1}' given before it", Binding);

    public static DiagnosticDescriptor UnknownStatistic { get; } = Error("PL2055", "Unknown statistic",
        "unknown statistic '{0}'; expected mean_sd, mean_se, median_iqr, range, geometric_mean or percent_ci{1}", Binding);

    public static DiagnosticDescriptor InvalidQuantileType { get; } = Error("PL2056", "Invalid quantile type",
        "quantile_type must be a whole number from 1 to 9 (R's quantile types); found {0}", Binding);

    public static DiagnosticDescriptor InvalidDecimals { get; } = Error("PL2270", "Invalid number of decimals",
        "decimals must be a whole number from 0 to 6; found {0}", Binding);

    public static DiagnosticDescriptor DecimalsOfUnknownVariable { get; } = Error("PL2271", "Decimals of a variable the table does not describe",
        "'{0}' is not a variable of this describe; decimals name one of {1}{2}", Binding);

    public static DiagnosticDescriptor DecimalsRepeated { get; } = Warning("PL2272", "Decimals given twice",
        "decimals {0} given more than once; the first is used", Binding);

    public static DiagnosticDescriptor RepeatedTestOption { get; } = Warning("PL2058", "Test option repeated",
        "test option '{0}' is given more than once", Binding);

    public static DiagnosticDescriptor DuplicateStatistic { get; } = Warning("PL2057", "Statistic listed twice",
        "statistic '{0}' is listed more than once; it is shown once", Binding);

    /// <summary>PL2090: <c>x / 0</c> with a literal zero: every row is undefined, so missing at run time.</summary>
    public static DiagnosticDescriptor DivisionByLiteralZero { get; } = Warning("PL2090", "Division by zero",
        "'{0}' divides by the literal 0: the result is undefined in every row and will be missing (PL5050 at run time)", Binding);

    public static DiagnosticDescriptor UnknownPolicy { get; } = Error("PL2060", "Unknown data policy",
        "'{0}' is not a value of {1}; expected 'fail' (the default: the run stops and lists the rows) or 'exclude' (rows are excluded and counted by reason){2}", Binding);

    public static DiagnosticDescriptor RedundantPolicy { get; } = Warning("PL2061", "Data policy repeats the default",
        "'{0}' is already the policy here ({1}); the clause has no effect", Binding);
}
