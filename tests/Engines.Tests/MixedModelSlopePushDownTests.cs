using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using Npgsql;
using ProtocolLang.Engines.Tests;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace Engines.Tests;

/// <summary>
/// lme4's sleepstudy, <c>Reaction ~ Days + (Days | Subject)</c> and <c>(1 | Subject) + (0 + Days | Subject)</c>, as a
/// subject table and a visits table of the test's own (<c>s14_engmixed_*</c>, dropped after) on DuckDB, PostgreSQL and
/// ClickHouse: a random slope on a numeric time, a visit with a missing reaction (left out and counted) and a visit of
/// a subject the subject table does not hold (not analysed, as in memory). The fit from the engine's sums equals the
/// kernel's fit from the same rows in memory.
/// </summary>
public sealed class MixedModelSlopePushDownTests
{
    private const string Subjects = "s14_engmixed_sleep_subjects";
    private const string Visits = "s14_engmixed_sleep_visits";

    private static readonly CohortSql NoCriteriaNoGroups = new([], []);

    [Theory]
    [InlineData("duckdb", false, DegreesOfFreedomMethod.Satterthwaite)]
    [InlineData("postgres", false, DegreesOfFreedomMethod.Satterthwaite)]
    [InlineData("clickhouse", false, DegreesOfFreedomMethod.Satterthwaite)]
    [InlineData("duckdb", true, DegreesOfFreedomMethod.Satterthwaite)]
    [InlineData("clickhouse", true, DegreesOfFreedomMethod.Satterthwaite)]
    [InlineData("postgres", false, DegreesOfFreedomMethod.KenwardRoger)]
    [InlineData("clickhouse", false, DegreesOfFreedomMethod.KenwardRoger)]
    public void ARandomSlopeModelFromTheEngineEqualsTheFitFromTheRows(string engineName, bool uncorrelated, DegreesOfFreedomMethod df)
    {
        var (reaction, days, subject) = Sleepstudy();
        using var tables = Create(engineName, reaction, days, subject);
        var spec = new SqlMixedSpec(SqlExpr.Column("Reaction"), false, SqlExpr.Column("Days"), "Days", null, null, "group", [],
            [SqlMixedVariableKind.Time], [[0]], RandomIntercept: true, RandomSlope: true, Uncorrelated: uncorrelated, Df: df);

        var fit = SqlMixedModel.Fit(tables.Engine, NoCriteriaNoGroups, new SqlChildSource(
            r => r.Dialect.QuoteIdentifier(Visits), "Subject", r => r.Dialect.QuoteIdentifier(Subjects), "Subject"), spec);

        MixedModelFit rows = InMemory(reaction, days, subject, uncorrelated, df);
        Assert.Equal(df, rows.DegreesOfFreedom);
        Assert.Null(fit.NotFitted);
        Assert.Equal(new[] { new RowsLeftOut("with a missing value", 1) }, fit.LeftOut);
        Assert.Equal(181, fit.Rows);   // the 180 visits and the one without a reaction; the orphan's visit is not a cohort row
        MixedModelFit sums = fit.Fit!;
        Assert.Equal(rows.Warnings, sums.Warnings);
        Assert.Equal(rows.Singular, sums.Singular);
        Assert.Equal(rows.Observations, sums.Observations);
        Assert.Equal(rows.Subjects, sums.Subjects);
        Assert.Equal(rows.FixedEffects.Select(f => f.Name), sums.FixedEffects.Select(f => f.Name));
        double tolerance = engineName == "clickhouse" ? 1e-8 : 1e-9;
        for (int k = 0; k < rows.FixedEffects.Count; k++)
        {
            Close(rows.FixedEffects[k].Estimate, sums.FixedEffects[k].Estimate, tolerance);
            Close(rows.FixedEffects[k].StandardError, sums.FixedEffects[k].StandardError, tolerance);
            // Satterthwaite's df from a numeric Hessian: here 17 plus the differences' noise (R: 17.0000017), which amplifies a
            // rounding-level change of the sums (PostgreSQL adds in another order: 4e-8); 1e-6, as the kernel's own test.
            Close(rows.FixedEffects[k].DegreesOfFreedom, sums.FixedEffects[k].DegreesOfFreedom, 1e-6);
        }

        Close(rows.Sigma, sums.Sigma, tolerance);
        Close(rows.Criterion, sums.Criterion, tolerance);
        Assert.Equal(rows.RandomEffects.Select(r => r.Name), sums.RandomEffects.Select(r => r.Name));
        for (int k = 0; k < rows.RandomEffects.Count; k++)
        {
            Close(rows.RandomEffects[k].Variance, sums.RandomEffects[k].Variance, tolerance * 10);
        }

        Assert.Equal(3, fit.Queries);
        Assert.True(fit.RowsReceived <= 18 + fit.Cells.Count + 4 + 1, $"{fit.RowsReceived} rows received");
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void AVisitOfASubjectTheSubjectTableLacksIsCountedByTheEngineAsNoParentRow(string engineName)
    {
        var (reaction, days, subject) = Sleepstudy();
        using var tables = Create(engineName, reaction, days, subject);

        var problems = SqlChildCheck.UnknownParents(tables.Engine, new SqlChildSource(
            r => r.Dialect.QuoteIdentifier(Visits), "Subject", r => r.Dialect.QuoteIdentifier(Subjects), "Subject"), "visits", Visits, "subjects");

        var problem = Assert.Single(problems);
        Assert.Equal("PL4015", problem.Code);
        Assert.Equal("Subject", problem.Column);
        Assert.Contains("1 row whose 'Subject' is not a key of table 'subjects'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("for example '999'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, tables.Engine.RowsReceived);
    }

    [Fact]
    public void EveryVisitOfTheExampleHasItsSubjectOnTheTwoShardCluster()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var engine = new ClickHouseSqlEngine(http);

        var problems = SqlChildCheck.UnknownParents(engine, new SqlChildSource(r => "`protocollang`.`visits`", "id", r => "`protocollang`.`subjects`", "id"),
            "visits", "protocollang.visits", "subjects");

        Assert.Empty(problems);
        Assert.Equal(1, engine.RowsReceived);
    }

    private static MixedModelFit InMemory(double[] reaction, double[] days, string[] subject, bool uncorrelated, DegreesOfFreedomMethod df)
    {
        string[] order = subject.Distinct().ToArray();
        int[] index = subject.Select(s => Array.IndexOf(order, s)).ToArray();
        var design = FixedEffectsDesign.Build(reaction.Length, [DesignVariable.Numeric("Days", days)], [[0]]);
        return LinearMixedModel.Fit(new MixedModelInput(reaction, design, index, order.Length, RandomIntercept: true, days, "Days", uncorrelated), df: df);
    }

    /// <summary>tests/Runtime.Tests/Reference/data/sleepstudy.csv: Reaction, Days, Subject per row.</summary>
    private static (double[] Reaction, double[] Days, string[] Subject) Sleepstudy()
    {
        string path = Path.Combine(Path.GetDirectoryName(ClickHouseCluster.ExampleCsv("subjects"))!, "..", "..", "..",
            "tests", "Runtime.Tests", "Reference", "data", "sleepstudy.csv");
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(), rows.Select(r => r[2]).ToArray());
    }

    /// <summary>The two tables on the engine, with a visit without a reaction (subject 308, day 10) and one of subject 999, whom the subject table lacks.</summary>
    private static TestTables Create(string engine, double[] reaction, double[] days, string[] subject)
    {
        // Each number in parentheses: ClickHouse 18.16 parses a bare VALUES float with a 1-ulp error, an SQL literal exactly (docs/engines.md).
        string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        IEnumerable<string> visitRows = reaction.Select((y, i) => $"(({R(y)}), ({R(days[i])}), '{subject[i]}')").Append("(NULL, 10, '308')").Append("(300, 0, '999')");
        IEnumerable<string> subjectRows = subject.Distinct().Select(s => $"('{s}')");
        if (engine == "clickhouse")
        {
            ClickHouseCluster.Require();
            var http = ClickHouseCluster.Http();
            void Run(string sql) => http.Execute(sql);
            Run($"DROP TABLE IF EXISTS protocollang.{Visits}");
            Run($"DROP TABLE IF EXISTS protocollang.{Subjects}");
            Run($"CREATE TABLE protocollang.{Visits} (Reaction Nullable(Float64), Days Float64, Subject String) ENGINE = MergeTree ORDER BY Subject");
            Run($"CREATE TABLE protocollang.{Subjects} (Subject String) ENGINE = MergeTree ORDER BY Subject");
            Run($"INSERT INTO protocollang.{Visits} VALUES {string.Join(", ", visitRows)}");
            Run($"INSERT INTO protocollang.{Subjects} VALUES {string.Join(", ", subjectRows)}");
            return new TestTables(new ClickHouseSqlEngine(http), () =>
            {
                Run($"DROP TABLE IF EXISTS protocollang.{Visits}");
                Run($"DROP TABLE IF EXISTS protocollang.{Subjects}");
                http.Dispose();
            });
        }

        DbConnection connection;
        SqlDialect dialect;
        if (engine == "postgres")
        {
            PostgresServer.EnsureRunning();
            connection = new NpgsqlConnection(PostgresServer.ConnectionString);
            dialect = PostgresDialect.Instance;
        }
        else
        {
            connection = new DuckDBConnection("DataSource=:memory:");
            dialect = DuckDbDialect.Instance;
        }

        connection.Open();
        void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        string doubleType = engine == "postgres" ? "DOUBLE PRECISION" : "DOUBLE";
        Execute($"DROP TABLE IF EXISTS {Visits}; DROP TABLE IF EXISTS {Subjects}");
        Execute($"CREATE TABLE {Visits} (\"Reaction\" {doubleType}, \"Days\" {doubleType}, \"Subject\" VARCHAR)");
        Execute($"CREATE TABLE {Subjects} (\"Subject\" VARCHAR)");
        Execute($"INSERT INTO {Visits} VALUES {string.Join(", ", visitRows)}");
        Execute($"INSERT INTO {Subjects} VALUES {string.Join(", ", subjectRows)}");
        return new TestTables(new AdoSqlEngine(connection, dialect), () =>
        {
            Execute($"DROP TABLE IF EXISTS {Visits}; DROP TABLE IF EXISTS {Subjects}");
            connection.Dispose();
        });
    }

    private static void Close(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    /// <summary>The engine over the test's tables; disposing drops them.</summary>
    private sealed class TestTables(SqlEngine engine, Action drop) : IDisposable
    {
        public SqlEngine Engine { get; } = engine;

        public void Dispose() => drop();
    }
}
