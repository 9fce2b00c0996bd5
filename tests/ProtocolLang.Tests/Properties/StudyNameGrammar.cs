using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace ProtocolLang.Tests.Properties;

/// <summary>
/// Names a valid study may declare, drawn from the kinds that have broken code generation or could:
/// C# keywords and contextual keywords, runtime and framework type names, members the emitter adds,
/// names of the longest allowed length, plain identifiers, and near-collisions of earlier names
/// (case, underscores, suffixes the emitter itself appends). The .study language's own reserved words
/// are left out: a study cannot use them as names, so they say nothing about the emitter.
/// </summary>
internal static class StudyNameGrammar
{
    public const int MaxLength = ProtocolLang.Binding.Binder.MaxNameLength;

    private static readonly string[] CSharpKeywords =
    [
        "class", "event", "int", "string", "object", "namespace", "return", "new", "base", "this", "operator",
        "params", "checked", "fixed", "lock", "void", "null", "double", "long", "bool", "enum", "struct",
        "static", "public", "default", "delegate", "typeof", "sizeof", "switch", "case", "while", "do", "for",
        "foreach", "try", "catch", "finally", "throw", "using", "virtual", "override", "sealed", "abstract",
        "ref", "out", "readonly", "const", "volatile", "unsafe", "implicit", "explicit", "extern", "__arglist",
    ];

    private static readonly string[] ContextualKeywords =
    [
        "var", "value", "field", "record", "global", "nameof", "async", "await", "dynamic", "when", "select",
        "partial", "scoped", "required", "file", "args", "with", "init", "get", "set", "add", "remove", "alias",
        "unmanaged", "notnull", "managed", "nint", "nuint", "yield", "let", "join", "on", "equals", "into",
        "orderby", "ascending", "descending", "_", "__", "_1", "_2x", "allows", "extension",
    ];

    private static readonly string[] TypeNames =
    [
        "Fn", "Criterion", "CriterionKind", "GroupDefinition", "StudyRun", "StudyRunOptions", "ReportFormat",
        "StudyResults", "Variable", "Variables", "Summary", "Pairing", "TestKind", "AdjustMethod", "MixedModelSpec",
        "ModelTerm", "TermFactor", "RandomEffect", "CoxSpec", "CoxTerm", "TiesMethod", "SurvivalConfType",
        "StudySchema", "TableSchema", "ColumnSchema", "ColumnKind", "DataTable", "Cohort", "ChildRows",
        "Array", "Func", "IReadOnlyList", "GeneratedCode", "DateOnly", "CultureInfo", "String", "Object", "Math",
        "Nullable", "System", "ProtocolLang", "Studies", "Runtime", "Data", "Plan", "Statistics", "Enumerable",
        "Linq", "Collections", "Generic", "Globalization", "Console", "Int32", "Double", "Boolean", "DateTime",
        "Exception", "List", "Dictionary", "Action", "Type", "Attribute", "Environment", "Task", "Index", "Range",
    ];

    private static readonly string[] GeneratedMembers =
    [
        "Run", "Schema", "Criteria", "Groups", "AnalysisPlan", "Name", "SourceRow", "source_row", "EqualityContract",
        "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "ReferenceEquals",
        "MemberwiseClone", "Finalize", "value__", "HasFlag", "CompareTo", "GetTypeCode", "rows", "i", "r", "run",
        "options", "ReadSubjects", "read_s", "Study", "Group", "Row", "s_row", "sRow", "SRow", "Read",
    ];

    /// <summary>The .study language's words; none can be a declared name everywhere (see the parser and binder).</summary>
    private static readonly HashSet<string> StudyReserved = new(StringComparer.Ordinal)
    {
        "across", "adjust", "all", "at", "binary", "by", "categorical", "compare", "conf_type", "continuous", "count",
        "cox", "derive", "describe", "each", "else", "factor", "false", "formats", "from", "group", "groups", "horizon",
        "if", "in", "is", "kaplan_meier", "key", "label", "logrank", "method", "missing", "mixed", "model", "not", "of",
        "optional", "outcome", "over", "pairs", "pairwise", "quantile_type", "range", "reference", "repeated", "report",
        "rho", "statistics", "strata", "study", "summary", "table", "template", "test", "then", "ties", "time_to_event",
        "title", "true", "unit", "using", "version", "vs", "where", "efron", "breslow", "include", "exclude", "log",
        "log_log", "plain", "median", "mean", "geometric_mean", "reml", "ml", "and", "or", "exp", "sqrt", "abs", "round",
        "min", "max", "days_between", "years_between", "number", "integer", "text", "bool", "date", "category",
        "mann_whitney", "t_test", "welch", "fisher", "chi_square", "kruskal_wallis", "anova", "welch_anova", "holm",
        "bonferroni", "hochberg", "bh", "none", "exact", "approximate", "no_correct",
    };

    private static readonly Gen<string> Plain =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"], Gen.Char["abcxyzXYZ019_"].Array[0, 10], (first, rest) => first + new string(rest));

    private static readonly Gen<string> Long =
        Gen.Select(Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"], Gen.Int[MaxLength - 30, MaxLength], (c, n) => new string(c, n - 1) + "z");

    /// <summary>One fresh name (before near-collisions are derived from earlier ones).</summary>
    public static readonly Gen<string> Fresh = Gen.Frequency(
        (3, Gen.OneOf(CSharpKeywords)),
        (3, Gen.OneOf(ContextualKeywords)),
        (4, Gen.OneOf(TypeNames)),
        (3, Gen.OneOf(GeneratedMembers)),
        (1, Long),
        (4, Plain));

    /// <summary>How a name may be derived from an earlier one (0: not derived).</summary>
    public static readonly Gen<(int Transform, int From, int At)> Derivation =
        Gen.Select(Gen.Frequency((3, Gen.Const(0)), (4, Gen.Int[1, 9])), Gen.Int[0, 1000], Gen.Int[0, 1000]);

    /// <summary>The names in order, each distinct (ordinal) and usable: fresh, or a variant of an earlier name.</summary>
    public static List<string> Resolve(string[] fresh, (int Transform, int From, int At)[] derivations)
    {
        var names = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fresh.Length; i++)
        {
            var (transform, from, at) = i < derivations.Length ? derivations[i] : (0, 0, 0);
            var name = transform == 0 || names.Count == 0 ? fresh[i] : Variant(names[from % names.Count], transform, at);
            if (name.Length > MaxLength)
            {
                name = name.Substring(0, MaxLength);
            }

            if (IsUsable(name) && taken.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsUsable(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !StudyReserved.Contains(name);

    /// <summary>A near-collision: what PascalCase, camelCase or a suffix the emitter appends could map onto the same C# name.</summary>
    private static string Variant(string name, int transform, int at) => transform switch
    {
        1 => char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name.Substring(1) : char.ToUpperInvariant(name[0]) + name.Substring(1),
        2 => name.ToUpperInvariant(),
        3 => name.Insert(1 + (at % name.Length), "_"),
        4 => name.Replace("_", string.Empty, StringComparison.Ordinal) is { Length: > 0 } stripped ? stripped : name + "x",
        5 => name + new[] { "_row", "Row", "_", "2", "_2" }[at % 5],
        6 => new[] { "read_", "Read", "_" }[at % 3] + name,
        7 => name + new[] { "_study", "Study", "_group", "Group" }[at % 4],
        8 => name.ToLowerInvariant(),
        _ => "_" + name,
    };
}
