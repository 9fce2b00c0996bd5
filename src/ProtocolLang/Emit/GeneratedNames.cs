using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

/// <summary>
/// Every C# name the emitter writes for one study, chosen once and collision-free: type names
/// (study class, group enum, row records, category enums), members of the study class (readers),
/// record properties and enum members. Names follow docs/design/generated-code.md; a clash gets the
/// table prefix (enums) or a number, in declaration order, so the same study always gets the same names.
/// Names no longer than <see cref="Binder.MaxNameLength"/> (checked by the binder) keep every generated
/// name far below the 1,024-byte metadata limit of a type's full name (CS7013).
/// </summary>
internal sealed class GeneratedNames
{
    /// <summary>
    /// Runtime and System types. Generated code names them from <c>global::</c>, so our types could not hide
    /// them there; they are still avoided so that C# in the consuming project that imports both the runtime's
    /// and the study's namespace never meets an ambiguous name.
    /// </summary>
    private static readonly HashSet<string> RuntimeTypeNames = new(System.StringComparer.Ordinal)
    {
        "Fn", "Criterion", "CriterionKind", "GroupDefinition", "StudyRun", "StudyRunOptions", "ReportFormat", "StudyResults",
        "Variable", "Variables", "Summary", "Pairing", "TestKind", "AdjustMethod", "MixedModelSpec", "ResponseTransform",
        "ModelTerm", "TermFactor", "TermFactorKind", "RandomEffect", "CoxSpec", "CoxTerm", "CoxSubgroupSpec", "TiesMethod", "ZphTransform", "SurvivalConfType", "StudySchema",
        "DescribeOptions", "DescribeStatistic", "TestOptions", "ExactMode",
        "LinearSpec", "LinearReference", "LinearAnovaType", "RobustStandardErrors", "GlmSpec", "GlmModelFamily", "MmrmOptions", "MmrmCovarianceKind", "RmAnovaOptions", "DegreesOfFreedomMethod", "VisitMeansSpec",
        "TableSchema", "ColumnSchema", "ColumnKind", "DataTable", "Cohort", "ChildRows", "ContinuousVariable",
        "BinaryVariable", "CategoricalVariable", "CountVariable", "TimeToEventVariable", "RepeatedVariable",
        "Array", "Func", "IReadOnlyList", "GeneratedCode", "GeneratedCodeAttribute", "DateOnly", "CultureInfo",
        "String", "Object", "Math", "Nullable", "System", "ProtocolLang", "Studies",
        "SqlExpr", "SqlComparison", "SqlArithmetic", "SqlFunction", "SqlCriterion", "SqlGroup",
    };

    /// <summary>Members every record has, which a property must not take.</summary>
    private static readonly string[] RecordMembers =
        ["SourceRow", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>
    /// Members of the study class, its own and those it inherits from <c>object</c> (an enum named like one is
    /// written fully qualified there: in <c>MemberwiseClone.a</c> the name would bind to the inherited method).
    /// </summary>
    public HashSet<string> StudyClassMembers { get; } = new(System.StringComparer.Ordinal)
    {
        "Name", "Schema", "Criteria", "Groups", "CohortSql", "AnalysisPlan", "Run",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
    };

    private readonly Dictionary<(string Table, string Name), string> _properties = new();
    private readonly Dictionary<(string Table, string Column), string> _enums = new();
    private readonly Dictionary<(string Table, string Column), string[]> _enumMembers = new();
    private readonly Dictionary<string, TableNames> _tables = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _recordMembers = new(System.StringComparer.Ordinal);
    private readonly List<string> _types = [];
    private readonly List<string> _aggregateNames = [];

    public GeneratedNames(BoundStudy study)
    {
        var types = new HashSet<string>(RuntimeTypeNames, System.StringComparer.Ordinal);

        // The binder refuses longer names; a stub for a study with errors still gets a name that compiles.
        var studyName = study.Name.Length > Binder.MaxNameLength ? study.Name.Substring(0, Binder.MaxNameLength) : study.Name;
        Namespace = "ProtocolLang.Studies." + CSharpLiterals.Identifier(studyName);
        StudyClass = ClaimType(types, CSharpLiterals.Identifier(studyName + "Study"));
        GroupEnum = ClaimType(types, CSharpLiterals.Identifier(studyName + "Group"));
        GroupMembers = UniqueMembers(study.Groups.Select(g => g.Name));

        // A member may not be named like its class (CS0542): study Read with table study would give ReadStudy twice.
        StudyClassMembers.Add(StudyClass);
        foreach (var table in study.Tables)
        {
            var pascal = CSharpLiterals.PascalCase(table.Name);
            var row = ClaimType(types, pascal + "Row");

            // s_row and sRow are distinct tables with one PascalCase name: the second reader gets a number.
            var reader = Claim(StudyClassMembers, "Read" + pascal);
            _tables.Add(table.Name, new TableNames(row, reader));

            var members = new HashSet<string>(RecordMembers, System.StringComparer.Ordinal) { row };
            foreach (var name in table.Columns.Select(c => c.Name).Concat(table.Derived.Select(d => d.Name)))
            {
                _properties[(table.Name, name)] = Claim(members, CSharpLiterals.Identifier(CSharpLiterals.PascalCase(name)));
            }

            _recordMembers.Add(table.Name, members);
        }

        // Child-table aggregates: init properties of the subject row, and the method that sets them.
        Aggregates = study.Tables.IsEmpty ? ImmutableArray<BoundAggregate>.Empty : CSharpEmitter.CollectAggregates(study.SubjectTable);
        for (var i = 0; i < Aggregates.Length; i++)
        {
            _aggregateNames.Add(Claim(_recordMembers[study.SubjectTable.Name], "Aggregate" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        AddAggregates = Aggregates.IsEmpty ? string.Empty : Claim(StudyClassMembers, "AddAggregates");

        var categories = study.Tables.SelectMany(t => t.Columns).Where(c => c.Type.Category is not null).ToList();
        foreach (var column in categories)
        {
            var plain = CSharpLiterals.PascalCase(column.Name);
            var sharedName = categories.Count(c => CSharpLiterals.PascalCase(c.Name) == plain) > 1;
            var candidate = sharedName || types.Contains(plain) ? CSharpLiterals.PascalCase(column.Table) + plain : plain;
            _enums[(column.Table, column.Name)] = ClaimType(types, CSharpLiterals.Identifier(candidate));
            _enumMembers[(column.Table, column.Name)] = UniqueMembers(column.Type.Category!.Levels);
        }
    }

    /// <summary>
    /// One namespace per study (<c>ProtocolLang.Studies.Nxp2Jdm</c>), so two studies in one project
    /// can both declare, say, a <c>Sex</c> category without their types clashing.
    /// </summary>
    public string Namespace { get; }

    public string StudyClass { get; }

    public string GroupEnum { get; }

    public string[] GroupMembers { get; }

    /// <summary>Every type this study declares, which no local variable of a generated method may hide.</summary>
    public IReadOnlyList<string> Types => _types;

    public TableNames Table(string table) => _tables[table];

    /// <summary>The child-table aggregates of the subject table's derives, in declaration order.</summary>
    public ImmutableArray<BoundAggregate> Aggregates { get; }

    /// <summary>The study-class method that sets the aggregates on the subject rows (empty when there are none).</summary>
    public string AddAggregates { get; }

    /// <summary>The subject-row property that holds <paramref name="aggregate"/> (the very node of the bound tree).</summary>
    public string Aggregate(BoundAggregate aggregate)
    {
        for (var i = 0; i < Aggregates.Length; i++)
        {
            if (ReferenceEquals(Aggregates[i], aggregate))
            {
                return _aggregateNames[i];
            }
        }

        throw new System.InvalidOperationException("An aggregate outside the subject table's derives; the binder reported it.");
    }

    public string Property(string table, string name) => _properties[(table, name)];

    public string Enum(CategoryInfo category) => _enums[(category.Table, category.Column)];

    public string EnumMember(CategoryInfo category, int level) => _enumMembers[(category.Table, category.Column)][level];

    /// <summary>Whether a simple enum name would bind to a property of this table's row record instead of the type.</summary>
    public bool HidesType(string table, string typeName) => _recordMembers[table].Contains(typeName);

    private string ClaimType(HashSet<string> taken, string wanted)
    {
        var name = Claim(taken, wanted);
        _types.Add(name);
        return name;
    }

    /// <summary>
    /// <paramref name="wanted"/>, or it with the first number that makes it unused. <c>@static</c> and
    /// <c>static</c> are one C# identifier, so <paramref name="taken"/> holds names without the <c>@</c>
    /// (<c>@static2</c> would clash with <c>static2</c>); a keyword with a number needs no <c>@</c>.
    /// </summary>
    internal static string Claim(HashSet<string> taken, string wanted)
    {
        var plain = wanted.Length > 0 && wanted[0] == '@' ? wanted.Substring(1) : wanted;
        if (taken.Add(plain))
        {
            return wanted;
        }

        var name = plain;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = plain + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>Level or group names verbatim (<c>@</c> for keywords); <c>value__</c> is the one member name an enum cannot have.</summary>
    private static string[] UniqueMembers(IEnumerable<string> names)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { "value__" };
        return names.Select(n => Claim(taken, CSharpLiterals.Identifier(n))).ToArray();
    }
}

/// <summary>The row record and reader method of one table.</summary>
internal sealed record TableNames(string Row, string Reader);

/// <summary>
/// Allocates local variable names in one method: camelCase, unique, never a keyword, and never a name the
/// method's code means otherwise: in <c>_1._2</c> a local <c>_1</c> would hide the enum <c>_1</c>.
/// </summary>
internal sealed class LocalNames
{
    private readonly HashSet<string> _taken;

    public LocalNames(GeneratedNames names, params string[] reserved)
    {
        _taken = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        _taken.UnionWith(names.Types);
        _taken.UnionWith(names.StudyClassMembers);
    }

    public string Allocate(string name) => GeneratedNames.Claim(_taken, CSharpLiterals.CamelCase(name));
}
