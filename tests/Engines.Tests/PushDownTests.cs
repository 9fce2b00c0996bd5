using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Npgsql;
using ProtocolLang.Engines.Tests;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;
using ProtocolLang.Studies.Nxp2Jdm;

namespace Engines.Tests;

/// <summary>
/// The example study pushed down to the real servers, PostgreSQL and the two-shard ClickHouse cluster (whose Distributed
/// table aggregates over both shards): its subject flow, Kaplan-Meier, log-rank, Mann-Whitney W and t-test computed
/// from sufficient statistics equal the in-memory run's results.json (1e-9 relative); only rows of counts leave the server.
/// </summary>
public sealed class PushDownTests
{
    private const double Tolerance = 1e-9;

    private static readonly CohortSql Cohort = Nxp2JdmStudy.CohortSql;

    /// <summary>The engine, what to dispose after, and the example's subjects table there.</summary>
    private static (SqlEngine Engine, IDisposable Owner, Func<SqlRenderer, string> Subjects) Open(string engine)
    {
        if (engine == "clickhouse")
        {
            ClickHouseCluster.Require();
            var http = ClickHouseCluster.Http();
            return (new ClickHouseSqlEngine(http), http, r => r.Dialect.QuoteIdentifier("protocollang") + "." + r.Dialect.QuoteIdentifier("subjects"));
        }

        PostgresServer.EnsureRunning();
        var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        return (new AdoSqlEngine(connection, PostgresDialect.Instance), connection, r => r.Dialect.QuoteIdentifier("public") + "." + r.Dialect.QuoteIdentifier("subjects"));
    }

    [Theory]
    [InlineData("clickhouse")]
    [InlineData("postgres")]
    public void TheServerCountsTheSubjectFlowOfTheInMemoryRun(string server)
    {
        var (engine, owner, subjects) = Open(server);
        using var _ = owner;
        var counts = SqlCohortFlow.Count(engine, Cohort, subjects);

        var cohort = Results().GetProperty("flow").GetProperty("cohort");
        Assert.Equal(cohort.GetProperty("rowsRead").GetInt64(), counts.Rows);
        Assert.Equal(cohort.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("excluded").GetInt64()), counts.ExcludedBy);
        Assert.Equal(cohort.GetProperty("unassigned").GetInt64(), counts.Unassigned);
        Assert.Equal(cohort.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("n").GetInt64()), counts.GroupN);
    }

    [Theory]
    [InlineData("clickhouse")]
    [InlineData("postgres")]
    public void KaplanMeierAndLogRankFromTheServerEqualTheInMemoryRun(string server)
    {
        var (engine, owner, subjects) = Open(server);
        using var _ = owner;
        var counts = SqlSurvivalCounts.Count(engine, Cohort, Cohort.Outcome("Relapse"), subjects, out var leftOut);

        var km = Analysis("kaplan_meier_relapse").GetProperty("kaplanMeier");
        Assert.Equal(km.GetProperty("leftOut").GetInt32(), leftOut);
        foreach (var (group, curve) in km.GetProperty("groups").EnumerateArray().Zip(KaplanMeier.Fit(counts).Curves))
        {
            var table = group.GetProperty("table").EnumerateArray().ToList();
            Assert.Equal(table.Select(r => r.GetProperty("time").GetDouble()), curve.Time);
            Assert.Equal(table.Select(r => r.GetProperty("nRisk").GetInt32()), curve.NRisk);
            for (var i = 0; i < table.Count; i++)
            {
                Close(table[i].GetProperty("survival").GetDouble(), curve.Survival[i]);
                Close(table[i].GetProperty("stdErr").GetDouble(), curve.StdErr[i]);
            }
        }

        var logRank = Analysis("logrank_relapse").GetProperty("logRank");
        var test = LogRank.Test(counts);
        Close(logRank.GetProperty("chiSquare").GetDouble(), test.ChiSquare);
        Close(logRank.GetProperty("pValue").GetDouble(), test.PValue);
    }

    [Theory]
    [InlineData("clickhouse")]
    [InlineData("postgres")]
    public void RankSumAndTTestFromTheServerEqualTheInMemoryRun(string server)
    {
        var (engine, owner, subjects) = Open(server);
        using var _ = owner;

        // compare CK: NXP2_JDM vs each (exact test in memory): W is the same statistic whatever the p method.
        var ck = SqlValueCounts.Count(engine, Cohort, Cohort.Outcome("CK").Value!, numeric: true, subjects);
        var rows = Analysis("compare_ck").GetProperty("compare").GetProperty("rows").EnumerateArray().ToList();
        for (var g = 1; g < 4; g++)
        {
            var w = MannWhitney.TestFromOrderedCounts(ck.Of(0), ck.Of(g)).Statistic;
            Assert.Equal(rows[g - 1].GetProperty("test").GetProperty("statistic").GetDouble(), w);
        }

        // compare CMAS: NXP2_JDM vs (MDA5_JDM, TIF1g_JDM) using t_test: from COUNT, AVG and varSamp per group.
        var (moments, _) = SqlMoments.Count(engine, Cohort, Cohort.Outcome("CMAS").Value!, subjects);
        var tests = Analysis("compare_cmas").GetProperty("compare").GetProperty("rows").EnumerateArray().ToList();
        for (var g = 1; g < 3; g++)
        {
            var expected = tests[g - 1].GetProperty("test");
            var actual = TTest.Student(moments[0], moments[g]);
            Close(expected.GetProperty("statistic").GetDouble(), actual.Statistic);
            Close(expected.GetProperty("pValue").GetDouble(), actual.PValue);
            Close(expected.GetProperty("estimate").GetDouble(), actual.Estimate!.Value);
        }
    }

    [Theory]
    [InlineData("clickhouse")]
    [InlineData("postgres")]
    public void TheExampleCoxModelFromOneQueryPerIterationEqualsTheInMemoryRun(string server)
    {
        var (engine, owner, subjects) = Open(server);
        using var _ = owner;

        // model cox Relapse ~ group + age + sex reference group = NXP2_ADM, sex = F ties efron
        var model = new SqlCoxModel(Cohort.Outcome("Relapse"),
        [
            SqlCoxCovariate.InGroup("groupNXP2_JDM", 0),
            SqlCoxCovariate.InGroup("groupMDA5_JDM", 1),
            SqlCoxCovariate.InGroup("groupTIF1g_JDM", 2),
            SqlCoxCovariate.Number("age", SqlExpr.Column("age")),
            SqlCoxCovariate.Indicator("sexM", SqlExpr.Compare(SqlComparison.Equal, SqlExpr.Column("sex"), SqlExpr.Text("M"))),
        ], [], CoxTies.Efron);
        var fit = SqlCox.Fit(engine, Cohort, model, subjects);

        var cox = Analysis("cox_relapse_group_age_sex").GetProperty("cox");
        Assert.Equal(cox.GetProperty("n").GetInt32(), fit.Fit.N);
        Assert.Equal(cox.GetProperty("excluded").GetInt32(), fit.LeftOut);
        Assert.Equal(cox.GetProperty("events").GetInt32(), fit.Fit.Events);
        Assert.Equal(cox.GetProperty("iterations").GetInt32(), fit.Fit.Iterations);
        var terms = cox.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(terms.Select(t => t.GetProperty("term").GetString()), fit.Fit.Coefficients.Select(c => c.Name));
        foreach (var (term, coefficient) in terms.Zip(fit.Fit.Coefficients))
        {
            Close(term.GetProperty("coefficient").GetDouble(), coefficient.Coefficient);
            Close(term.GetProperty("standardError").GetDouble(), coefficient.StandardError);
            Close(term.GetProperty("pValue").GetDouble(), coefficient.PValue);
            Close(term.GetProperty("hazardRatioLow").GetDouble(), coefficient.HazardRatioLow);
            Close(term.GetProperty("hazardRatioHigh").GetDouble(), coefficient.HazardRatioHigh);
        }

        Close(cox.GetProperty("logLikelihoodNull").GetDouble(), fit.Fit.LogLikelihoodNull);
        Close(cox.GetProperty("logLikelihood").GetDouble(), fit.Fit.LogLikelihood);
        foreach (var (name, test) in new[] { ("likelihoodRatio", fit.Fit.LikelihoodRatio), ("wald", fit.Fit.Wald), ("score", fit.Fit.Score) })
        {
            Close(cox.GetProperty(name).GetProperty("statistic").GetDouble(), test.Statistic);
            Close(cox.GetProperty(name).GetProperty("pValue").GetDouble(), test.PValue);
        }

        // The first query (the means and the sums at β = 0), then one per iteration; per-time sums come back, never the 67 subject rows.
        Assert.Equal(1 + fit.Fit.Iterations, fit.Queries);
        Assert.Equal(server == "clickhouse" ? "bytes" : "values", fit.ReceivedUnit);
        Assert.True(fit.Received > 0 && fit.RowsReceived <= 2 + (fit.Queries * 2 * fit.Fit.N), $"{fit.RowsReceived} rows");
    }

    [Fact]
    public void PostgreSqlAndTheClickHouseClusterGiveOneCoxFitWithMissingCovariatesAndStrata()
    {
        // CMAS is optional, so subjects without it are left out; strata by sex, Breslow ties.
        var model = new SqlCoxModel(Cohort.Outcome("Relapse"),
        [
            SqlCoxCovariate.InGroup("groupNXP2_JDM", 0),
            SqlCoxCovariate.Number("cmas", SqlExpr.Column("cmas")),
        ], [SqlExpr.Column("sex")], CoxTies.Breslow);
        var fits = new[] { "postgres", "clickhouse" }.Select(server =>
        {
            var (engine, owner, subjects) = Open(server);
            using var _ = owner;
            return SqlCox.Fit(engine, Cohort, model, subjects);
        }).ToArray();

        var (postgres, clickHouse) = (fits[0], fits[1]);
        Assert.True(postgres.LeftOut > 0, "some analysed subjects have no CMAS");
        Assert.Equal(postgres.LeftOut, clickHouse.LeftOut);
        Assert.Equal((postgres.Fit.N, postgres.Fit.Events, postgres.Fit.Strata, postgres.Fit.Iterations),
            (clickHouse.Fit.N, clickHouse.Fit.Events, clickHouse.Fit.Strata, clickHouse.Fit.Iterations));
        Assert.Equal(2, postgres.Fit.Strata);
        foreach (var (a, b) in postgres.Fit.Coefficients.Zip(clickHouse.Fit.Coefficients))
        {
            Close(a.Coefficient, b.Coefficient);
            Close(a.StandardError, b.StandardError);
        }

        Close(postgres.Fit.LogLikelihood, clickHouse.Fit.LogLikelihood);
        Close(postgres.Fit.Score.Statistic, clickHouse.Fit.Score.Statistic);
    }

    [Fact]
    public void KleeneLogicAndMissingInListsHoldOnTheClickHouseCluster()
    {
        ClickHouseCluster.Require();
        using var http = ClickHouseCluster.Http();
        var renderer = new SqlRenderer(ClickHouseDialect.Instance);
        var missing = SqlExpr.Compare(SqlComparison.Equal, SqlExpr.Column("antibody"), SqlExpr.Missing);
        var expressions = new[]
        {
            SqlExpr.And(missing, SqlExpr.Bool(false)),                                  // false and NA = false
            SqlExpr.Or(missing, SqlExpr.Bool(true)),                                    // true or NA = true
            SqlExpr.And(missing, SqlExpr.Bool(true)),                                   // NA
            SqlExpr.In(SqlExpr.Call(SqlFunction.Log, SqlExpr.Number(0)), negated: false, SqlExpr.Number(1)),   // log(0) is missing: NA
            SqlExpr.Arithmetic(SqlArithmetic.Divide, SqlExpr.Number(1), SqlExpr.Number(0)),   // x / 0 is missing
        };
        var sql = "SELECT " + string.Join(", ", expressions.Select(renderer.Render)) + " FROM protocollang.subjects LIMIT 1";

        var row = new ClickHouseSqlEngine(http).Query(sql, renderer.Parameters).Single();
        Assert.Equal(new object?[] { 0L, 1L, null, null, null }, row);
    }

    private static JsonElement Results() => JsonDocument.Parse(File.ReadAllText(Path.Combine(
        Path.GetDirectoryName(ClickHouseCluster.ExampleCsv("subjects"))!, "..", "report", "results.json"))).RootElement.Clone();

    private static JsonElement Analysis(string id) =>
        Results().GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
