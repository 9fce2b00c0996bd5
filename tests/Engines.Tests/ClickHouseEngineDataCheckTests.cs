using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Sql;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// The ClickHouse forms of the engine data check, without a server: which catalog types an engine run accepts (the
/// <c>Nullable(...)</c> taken off; a category a String or Enum, a bool a UInt8, no Decimal), and the value query's text
/// (literals, no parameters; the 0/1 rule of a UInt8 bool only in the ClickHouse dialect).
/// </summary>
public sealed class ClickHouseEngineDataCheckTests
{
    private static readonly TableSchema Table = new("subjects", "warehouse", "id", null, null,
    [
        new ColumnSchema("id", ColumnKind.Text),
        new ColumnSchema("arm", ColumnKind.Category, Levels: ["A", "it's"]),
        new ColumnSchema("age", ColumnKind.Number, Min: 0, Max: 100, Optional: true),
        new ColumnSchema("dead", ColumnKind.Bool),
    ])
    { SourceKind = DataSourceKind.ClickHouse, SourceTable = "protocollang.subjects" };

    [Fact]
    public void TheClickHouseCatalogTypesOfTheTableAreAccepted()
    {
        var problems = EngineDataCheck.Catalog(Table, [("id", "String"), ("arm", "Enum8('A' = 1, 'it''s' = 2)"), ("age", "Nullable(Float64)"), ("dead", "UInt8")], "clickhouse");

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("arm", "UInt8", "a String or Enum column")]
    [InlineData("age", "Decimal(9, 2)", "an Int*, UInt*, Float32 or Float64 column")]
    [InlineData("dead", "Int32", "a UInt8 column (0/1)")]
    public void AColumnOfATypeAnEngineRunCannotCompareIsPL4051(string column, string type, string accepted)
    {
        var columns = new List<(string, string)> { ("id", "String"), ("arm", "String"), ("age", "Float64"), ("dead", "UInt8") };
        columns[columns.FindIndex(c => c.Item1 == column)] = (column, type);

        var problem = Assert.Single(EngineDataCheck.Catalog(Table, columns, "clickhouse"));

        Assert.Equal(DataProblemCodes.IncompatibleColumnType, problem.Code);
        Assert.Equal(column, problem.Column);
        Assert.EndsWith("an engine run needs " + accepted, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValueQueryWritesLiteralsAndChecksAUInt8BoolForZeroAndOne()
    {
        var engine = new Capture(ClickHouseDialect.Instance);

        EngineDataCheck.Values(engine, Table, _ => "`protocollang`.`subjects`");

        Assert.Equal(2, engine.Sql.Count); // the value rules' counts, then the screen of the duplicate keys (no rule fails, no hash repeats)
        Assert.Empty(engine.Parameters);
        Assert.Contains("countIf((`dead` IS NOT NULL AND `dead` NOT IN (0, 1)))", engine.Sql[0], StringComparison.Ordinal);
        Assert.Contains("`arm` NOT IN ('A', 'it\\'s')", engine.Sql[0], StringComparison.Ordinal);
        Assert.DoesNotContain("MIN(", engine.Sql[0], StringComparison.Ordinal);
        Assert.Contains("count() - uniqExact(cityHash64(`id`))", engine.Sql[1], StringComparison.Ordinal);
        Assert.DoesNotContain("distributed_group_by_no_merge", engine.Sql[1], StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDialectsHaveNoZeroOrOneRuleForABoolean()
    {
        var engine = new Capture(DuckDbDialect.Instance);

        EngineDataCheck.Values(engine, Table, _ => "subjects");

        Assert.All(engine.Sql, sql => Assert.DoesNotContain("NOT IN (0, 1)", sql, StringComparison.Ordinal));
    }

    /// <summary>Records the query and answers one row of zeros (no problem found).</summary>
    private sealed class Capture(SqlDialect dialect) : SqlEngine
    {
        public List<string> Sql { get; } = [];

        public List<object> Parameters { get; } = [];

        public override SqlDialect Dialect => dialect;

        public override string ReceivedUnit => "values";

        public override IEnumerable<object?[]> Query(string sql, IReadOnlyList<object> parameters)
        {
            Sql.Add(sql);
            Parameters.AddRange(parameters);
            yield return Enumerable.Repeat<object?>(0L, 64).ToArray();
        }
    }
}
