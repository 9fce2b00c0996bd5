using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

/// <summary>
/// The example study's tables in the two-shard cluster (loaded by scripts/clickhouse-cluster.sh up --load), read
/// through <see cref="ClickHouseSource"/> and compared with the CSV files they were loaded from.
/// </summary>
public sealed class ClickHouseSourceTests
{
    /// <summary>The kinds examples/Nxp2Jdm/nxp2_jdm.study declares, in the CSV's column order.</summary>
    private static readonly Dictionary<string, (string Name, ColumnKind Kind)[]> Declared = new()
    {
        ["subjects"] =
        [
            ("id", ColumnKind.Text), ("antibody", ColumnKind.Category), ("onset", ColumnKind.Category), ("age", ColumnKind.Number),
            ("sex", ColumnKind.Category), ("ck", ColumnKind.Number), ("cmas", ColumnKind.Number), ("mas", ColumnKind.Bool),
            ("myocardial", ColumnKind.Bool), ("dysphagia", ColumnKind.Bool), ("calcinosis", ColumnKind.Bool),
            ("relapse_months", ColumnKind.Number), ("relapsed", ColumnKind.Bool),
        ],
        ["visits"] =
        [
            ("id", ColumnKind.Text), ("month", ColumnKind.Integer), ("ck", ColumnKind.Number), ("cmas", ColumnKind.Number),
            ("il10", ColumnKind.Number), ("ifng", ColumnKind.Number),
        ],
    };

    private static readonly Dictionary<string, string[]> OrderBy = new() { ["subjects"] = ["id"], ["visits"] = ["id", "month"] };

    [Theory]
    [InlineData("Nullable(Float64)", ColumnKind.Number, true)]
    [InlineData("Decimal(18, 3)", ColumnKind.Number, true)]
    [InlineData("UInt8", ColumnKind.Bool, true)]
    [InlineData("Nullable(UInt8)", ColumnKind.Bool, true)]
    [InlineData("Enum8('a' = 1, 'b' = 2)", ColumnKind.Category, true)]
    [InlineData("LowCardinality(Nullable(String))", ColumnKind.Category, true)]
    [InlineData("Int64", ColumnKind.Integer, true)]
    [InlineData("Date", ColumnKind.Date, true)]
    [InlineData("Float64", ColumnKind.Integer, false)]
    [InlineData("String", ColumnKind.Number, false)]
    [InlineData("FixedString(3)", ColumnKind.Text, false)]
    [InlineData("DateTime", ColumnKind.Date, false)]
    [InlineData("Float64", ColumnKind.Bool, false)]
    public void ClickHouseTypesMapToTheDeclaredKindsTheyCanHold(string type, ColumnKind kind, bool accepted)
    {
        Assert.Equal(accepted, ClickHouseSource.Accepts(kind, type));
    }

    [Fact]
    public void NullableAndLowCardinalityWrappersAreSeenThrough()
    {
        Assert.Equal("String", ClickHouseSource.BaseType("LowCardinality(Nullable(String))"));
        Assert.True(ClickHouseSource.IsNullable("Nullable(Float64)"));
        Assert.False(ClickHouseSource.IsNullable("Float64"));
        Assert.Equal(("protocollang", "t"), ClickHouseSource.SplitTableName("t", "protocollang"));
        Assert.Equal(("other", "t"), ClickHouseSource.SplitTableName("other.t", "protocollang"));
    }

    [Theory]
    [InlineData("subjects")]
    [InlineData("visits")]
    public void TheCatalogListsTheTablesColumnsInOrderWithTypesTheStudyAccepts(string table)
    {
        ClickHouseCluster.Require();
        using var source = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), table);
        var columns = source.Columns();
        Assert.Equal(Declared[table].Select(d => d.Name), columns.Select(c => c.Name));
        foreach (var ((name, kind), (_, type)) in Declared[table].Zip(columns))
        {
            Assert.True(ClickHouseSource.Accepts(kind, type), $"{table}.{name}: {type} should hold a {kind}");
        }

        // Optional columns are Nullable; the loader's required-value check then sees NULL as a missing cell.
        var types = columns.ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("Nullable(Float64)", types["cmas"]);
        Assert.Equal("String", types["id"]);
    }

    [Fact]
    public void TheCatalogOfAMissingTableIsEmptyAndTheTableNamesOfferTheRealOnes()
    {
        ClickHouseCluster.Require();
        using var source = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), "subjcts");
        Assert.Empty(source.Columns());
        Assert.Equal(["subjects", "subjects_local", "visits", "visits_local"], source.TableNames().Where(n => !TestTable(n)));
    }

    /// <summary>The tables other test classes create (and drop) while this one runs in parallel.</summary>
    private static bool TestTable(string name) =>
        name.StartsWith("hostile_", StringComparison.Ordinal) || name.StartsWith("s12_ch_", StringComparison.Ordinal) || name.StartsWith("s13_chspeed_", StringComparison.Ordinal);

    [Fact]
    public void AMissingColumnOrAHostileTableNameIsTheServersErrorAndTheRealTablesSurvive()
    {
        ClickHouseCluster.Require();
        using (var source = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), "subjects"))
        {
            var error = Assert.Throws<ClickHouseException>(() => source.ReadAsText(["id", "no_such_column"], ["id"]).Dispose());
            Assert.Equal(47, error.ServerCode);   // UNKNOWN_IDENTIFIER
            Assert.Contains("no_such_column", error.Message, StringComparison.Ordinal);
        }

        using (var hostile = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), "subjects`; DROP TABLE subjects; --"))
        {
            Assert.Empty(hostile.Columns());
            Assert.Equal(60, Assert.Throws<ClickHouseException>(() => hostile.CountRows()).ServerCode);   // UNKNOWN_TABLE
        }

        using var subjects = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), "protocollang.subjects");
        Assert.Equal(ClickHouseCluster.ReadCsv("subjects").Rows.Count, subjects.CountRows());
    }

    [Theory]
    [InlineData("subjects", ClickHouseCluster.Shard1)]
    [InlineData("visits", ClickHouseCluster.Shard1)]
    [InlineData("subjects", ClickHouseCluster.Shard2)]
    public void TheDistributedTableHoldsTheCsvsRowsAndValuesFromEitherServer(string table, string url)
    {
        ClickHouseCluster.Require();
        var (header, rows) = ClickHouseCluster.ReadCsv(table);
        var kinds = Declared[table].ToDictionary(d => d.Name, d => d.Kind);
        using var source = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(url), table);
        Assert.Equal(rows.Count, source.CountRows());

        using var reader = source.ReadAsText(header, OrderBy[table]);
        Assert.Equal(header, reader.Names);
        var row = 0;
        while (reader.Read())
        {
            Assert.True(row < rows.Count, "more rows than the CSV");
            for (var i = 0; i < header.Length; i++)
            {
                var csv = rows[row][i];
                var where = $"{table} row {row + 1} column {header[i]}";
                if (csv.Length == 0)
                {
                    Assert.True(reader.IsNull(i), where + " should be NULL");
                    continue;
                }

                var value = reader.GetString(i);
                switch (kinds[header[i]])
                {
                    case ColumnKind.Number:
                        Assert.Equal(double.Parse(csv, CultureInfo.InvariantCulture), double.Parse(value, CultureInfo.InvariantCulture));
                        break;
                    case ColumnKind.Bool:
                        Assert.Equal(csv == "true" ? "1" : "0", value);
                        break;
                    default:
                        Assert.Equal(csv, value);
                        break;
                }
            }

            row++;
        }

        Assert.Equal(rows.Count, row);
        Assert.Equal(rows.Count, reader.RowCount);
        Assert.True(reader.BytesRead > 0);
    }

    [Theory]
    [InlineData("subjects")]
    [InlineData("visits")]
    public void EveryValueParsesWithTheCsvPathsCellRulesToTheCsvsValue(string table)
    {
        // What wiring `from clickhouse` into the loader relies on: ClickHouse's text is a CSV cell to CellParser.
        ClickHouseCluster.Require();
        var (header, rows) = ClickHouseCluster.ReadCsv(table);
        using var source = ClickHouseSource.Open(ClickHouseCluster.ConnectionString(), table);
        using var reader = source.ReadAsText(header, OrderBy[table]);
        var kinds = Declared[table].ToDictionary(d => d.Name, d => d.Kind);
        for (var row = 0; reader.Read(); row++)
        {
            for (var i = 0; i < header.Length; i++)
            {
                var csv = rows[row][i].AsSpan();
                var cell = reader.GetSpan(i);
                Assert.Equal(CellParser.IsMissing(csv), reader.IsNull(i));
                if (reader.IsNull(i))
                {
                    continue;
                }

                switch (kinds[header[i]])
                {
                    case ColumnKind.Number:
                        Assert.True(CellParser.TryParseNumber(cell, out var number) && CellParser.TryParseNumber(csv, out var expected) && number == expected);
                        break;
                    case ColumnKind.Integer:
                        Assert.True(CellParser.TryParseInteger(cell, out var integer) && CellParser.TryParseInteger(csv, out var expectedInteger) && integer == expectedInteger);
                        break;
                    case ColumnKind.Bool:
                        Assert.True(CellParser.TryParseBool(cell, out var flag) && CellParser.TryParseBool(csv, out var expectedFlag) && flag == expectedFlag);
                        break;
                    default:
                        Assert.Equal(csv.ToString(), cell.ToString());
                        break;
                }
            }
        }
    }

    [Theory]
    [InlineData("subjects")]
    [InlineData("visits")]
    public void BothShardsHoldRowsAndEachSubjectLivesOnOneShard(string table)
    {
        ClickHouseCluster.Require();
        var ids = new List<HashSet<string>>();
        foreach (var url in new[] { ClickHouseCluster.Shard1, ClickHouseCluster.Shard2 })
        {
            using var http = ClickHouseCluster.Http(url);
            using var reader = http.Query($"SELECT DISTINCT id FROM protocollang.{table}_local");
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                set.Add(reader.GetString(0));
            }

            Assert.NotEmpty(set);
            ids.Add(set);
        }

        Assert.Empty(ids[0].Intersect(ids[1]));
        var csvIds = ClickHouseCluster.ReadCsv(table).Rows.Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        Assert.True(csvIds.SetEquals(ids[0].Union(ids[1])));
    }

    [Fact]
    public void AGroupByOverTheDistributedTableEqualsTheInMemorySufficientStatistics()
    {
        ClickHouseCluster.Require();
        var (header, rows) = ClickHouseCluster.ReadCsv("subjects");
        int antibody = Array.IndexOf(header, "antibody"), ck = Array.IndexOf(header, "ck"), mas = Array.IndexOf(header, "mas");
        var expected = rows.GroupBy(r => r[antibody].Length == 0 ? null : r[antibody])
            .ToDictionary(
                g => g.Key ?? "(null)",
                g => (N: (double)g.Count(), Sum: g.Sum(r => Number(r[ck])), SumSq: g.Sum(r => Number(r[ck]) * Number(r[ck])), Mas: (double)g.Count(r => r[mas] == "true")));

        const string Statistics = "SELECT antibody, count(), sum(ck), sum(ck * ck), sum(mas) FROM protocollang.{0} GROUP BY antibody";
        var total = GroupStatistics(ClickHouseCluster.Shard1, string.Format(CultureInfo.InvariantCulture, Statistics, "subjects"));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), total.Keys.Order(StringComparer.Ordinal));
        foreach (var (group, (n, sum, sumSq, masCount)) in expected)
        {
            Assert.Equal([n, sum, sumSq, masCount], total[group], new RelativeComparer(1e-12));
        }

        // The total is the two shards' own sums added: the cluster aggregated across shards, each of which contributed.
        var shard1 = GroupStatistics(ClickHouseCluster.Shard1, string.Format(CultureInfo.InvariantCulture, Statistics, "subjects_local"));
        var shard2 = GroupStatistics(ClickHouseCluster.Shard2, string.Format(CultureInfo.InvariantCulture, Statistics, "subjects_local"));
        Assert.True(shard1.Values.Sum(v => v[0]) > 0 && shard2.Values.Sum(v => v[0]) > 0);
        foreach (var (group, values) in total)
        {
            var parts = Enumerable.Range(0, values.Length)
                .Select(i => (shard1.TryGetValue(group, out var a) ? a[i] : 0) + (shard2.TryGetValue(group, out var b) ? b[i] : 0));
            Assert.Equal(values, parts, new RelativeComparer(1e-12));
        }
    }

    [Fact]
    public void AGroupByTimeOverTheVisitsSkipsNullsAsTheInMemoryCountsDo()
    {
        ClickHouseCluster.Require();
        var (header, rows) = ClickHouseCluster.ReadCsv("visits");
        int month = Array.IndexOf(header, "month"), cmas = Array.IndexOf(header, "cmas");
        var expected = rows.GroupBy(r => r[month]).ToDictionary(
            g => g.Key,
            g => new[] { g.Count(), g.Count(r => r[cmas].Length > 0), g.Where(r => r[cmas].Length > 0).Sum(r => Number(r[cmas])) });
        var total = GroupStatistics(ClickHouseCluster.Shard2, "SELECT month, count(), count(cmas), sum(cmas) FROM protocollang.visits GROUP BY month");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), total.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, values) in expected)
        {
            Assert.Equal(values, total[key], new RelativeComparer(1e-12));
        }
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>First column = group (NULL as "(null)"), the rest as doubles.</summary>
    private static Dictionary<string, double[]> GroupStatistics(string url, string sql)
    {
        using var http = ClickHouseCluster.Http(url);
        using var reader = http.Query(sql);
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.IsNull(0) ? "(null)" : reader.GetString(0)] =
                [.. Enumerable.Range(1, reader.FieldCount - 1).Select(i => double.Parse(reader.GetSpan(i), CultureInfo.InvariantCulture))];
        }

        return result;
    }

    private sealed class RelativeComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => x == y || Math.Abs(x - y) <= tolerance * Math.Max(Math.Abs(x), Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }
}
