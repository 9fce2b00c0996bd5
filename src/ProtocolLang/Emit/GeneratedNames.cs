using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

/// <summary>
/// Every C# name the emitter writes for one study, chosen once and collision-free: type names
/// (study class, group enum, row records, category enums), record properties and enum members.
/// Names follow docs/design/generated-code.md; a clash gets the table prefix (enums) or a number.
/// </summary>
internal sealed class GeneratedNames
{
    /// <summary>Runtime and System types the generated code names unqualified; our types must not hide them.</summary>
    private static readonly HashSet<string> RuntimeTypeNames = new(System.StringComparer.Ordinal)
    {
        "Fn", "Criterion", "CriterionKind", "GroupDefinition", "StudyRun", "StudyRunOptions", "ReportFormat", "StudyResults",
        "Variable", "Variables", "Summary", "Pairing", "TestKind", "AdjustMethod", "MixedModelSpec", "ResponseTransform",
        "ModelTerm", "TermFactor", "TermFactorKind", "RandomEffect", "CoxSpec", "CoxTerm", "TiesMethod", "SurvivalConfType", "StudySchema",
        "DescribeOptions", "DescribeStatistic", "TestOptions", "ExactMode",
        "TableSchema", "ColumnSchema", "ColumnKind", "DataTable", "Cohort", "ChildRows", "ContinuousVariable",
        "BinaryVariable", "CategoricalVariable", "CountVariable", "TimeToEventVariable", "RepeatedVariable",
        "Array", "Func", "IReadOnlyList", "GeneratedCode", "GeneratedCodeAttribute", "DateOnly", "CultureInfo",
        "String", "Object", "Math", "Nullable", "System", "ProtocolLang", "Studies",
    };

    /// <summary>Members every record has, which a property must not take.</summary>
    private static readonly string[] RecordMembers =
        ["SourceRow", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize"];

    /// <summary>Members of the study class (an enum named like one is written fully qualified there).</summary>
    public HashSet<string> StudyClassMembers { get; } = new(System.StringComparer.Ordinal) { "Name", "Schema", "Criteria", "Groups", "AnalysisPlan", "Run" };

    private readonly Dictionary<(string Table, string Name), string> _properties = new();
    private readonly Dictionary<(string Table, string Column), string> _enums = new();
    private readonly Dictionary<(string Table, string Column), string[]> _enumMembers = new();
    private readonly Dictionary<string, TableNames> _tables = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _recordMembers = new(System.StringComparer.Ordinal);

    public GeneratedNames(BoundStudy study)
    {
        var types = new HashSet<string>(RuntimeTypeNames, System.StringComparer.Ordinal);
        Namespace = "ProtocolLang.Studies." + CSharpLiterals.Identifier(study.Name);
        StudyClass = Claim(types, CSharpLiterals.Identifier(study.Name + "Study"));
        GroupEnum = Claim(types, CSharpLiterals.Identifier(study.Name + "Group"));
        GroupMembers = UniqueMembers(study.Groups.Select(g => g.Name));

        foreach (var table in study.Tables)
        {
            var pascal = CSharpLiterals.PascalCase(table.Name);
            var row = Claim(types, pascal + "Row");
            var reader = "Read" + pascal;
            StudyClassMembers.Add(reader);
            _tables.Add(table.Name, new TableNames(row, reader));

            var members = new HashSet<string>(RecordMembers, System.StringComparer.Ordinal) { row };
            foreach (var name in table.Columns.Select(c => c.Name).Concat(table.Derived.Select(d => d.Name)))
            {
                _properties[(table.Name, name)] = Claim(members, CSharpLiterals.Identifier(CSharpLiterals.PascalCase(name)));
            }

            _recordMembers.Add(table.Name, members);
        }

        StudyClassMembers.Add(StudyClass);
        var categories = study.Tables.SelectMany(t => t.Columns).Where(c => c.Type.Category is not null).ToList();
        foreach (var column in categories)
        {
            var plain = CSharpLiterals.PascalCase(column.Name);
            var sharedName = categories.Count(c => CSharpLiterals.PascalCase(c.Name) == plain) > 1;
            var candidate = sharedName || types.Contains(plain) ? CSharpLiterals.PascalCase(column.Table) + plain : plain;
            _enums[(column.Table, column.Name)] = Claim(types, CSharpLiterals.Identifier(candidate));
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

    public TableNames Table(string table) => _tables[table];

    public string Property(string table, string name) => _properties[(table, name)];

    public string Enum(CategoryInfo category) => _enums[(category.Table, category.Column)];

    public string EnumMember(CategoryInfo category, int level) => _enumMembers[(category.Table, category.Column)][level];

    /// <summary>Whether a simple enum name would bind to a property of this table's row record instead of the type.</summary>
    public bool HidesType(string table, string typeName) => _recordMembers[table].Contains(typeName);

    private static string Claim(HashSet<string> taken, string wanted)
    {
        var name = wanted;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = wanted + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

/// <summary>Allocates local variable names in one method: camelCase, unique, never a keyword.</summary>
internal sealed class LocalNames(params string[] reserved)
{
    private readonly HashSet<string> _taken = new(reserved, System.StringComparer.Ordinal);

    public string Allocate(string name)
    {
        var wanted = CSharpLiterals.CamelCase(name);
        var local = wanted;
        for (var n = 2; !_taken.Add(local); n++)
        {
            local = wanted + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return local;
    }
}
