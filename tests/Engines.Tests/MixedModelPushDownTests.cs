using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using Npgsql;
using ProtocolLang.Engines.Tests;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Studies.Nxp2Jdm;
using Xunit.Abstractions;

namespace Engines.Tests;

/// <summary>
/// The example's three mixed models of its visits table (a child table), fitted where the rows live: DuckDB over the
/// example's CSV files, PostgreSQL (public.subjects, clinic.visits) and the two-shard ClickHouse cluster (Distributed
/// tables, the visits joined to the cohort's subjects with a GLOBAL join). The fit from one GROUP BY subject query of
/// cross-products equals the in-memory run's results.json: design, rows left out, every fixed effect, the variance
/// components, the type III tests and the marginal means; only sums come back.
/// </summary>
/// <remarks>
/// Tolerances. DuckDB and PostgreSQL add the rows in the order C# does and give the in-memory fit bit for bit (largest
/// difference 0, written to the test output); they are held to 1e-9. ClickHouse adds in another order (per shard, then
/// merged), so its sums of non-integer values (the log models) differ at rounding level; θ is the optimiser's, which stops
/// where the criterion's rounding no longer tells θs apart, and what depends on θ moved by up to 1.4e-9 (estimates, SEs,
/// t) and Satterthwaite's df, from a numeric Hessian that amplifies rounding, by up to 6.2e-9: ClickHouse is held to 1e-8
/// and 1e-7 (the kernel's own test of sums against rows, MixedModelCrossProductsTests, allows 1e-8 and 1e-6). The
/// counts and levels are exact on every engine.
/// </remarks>
public sealed class MixedModelPushDownTests(ITestOutputHelper output)
{

    private static readonly CohortSql Cohort = Nxp2JdmStudy.CohortSql;

    private static readonly string[] GroupNames = Cohort.Groups.Select(g => g.Name).ToArray();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "duckdb", "postgres", "clickhouse" })
        {
            foreach (var model in new[] { "mixed_ckcourse_group_month", "mixed_cmascourse_group_month", "mixed_cytokinecourse_group_month" })
            {
                data.Add(engine, model);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheExampleMixedModelFromPerSubjectSumsEqualsTheInMemoryRun(string engineName, string model)
    {
        var (engine, owner, source) = Open(engineName);
        using var _ = owner;

        var fit = SqlMixedModel.Fit(engine, Cohort, source, Spec(model));
        double Tolerance = engineName == "clickhouse" ? 1e-8 : 1e-9, DfTolerance = engineName == "clickhouse" ? 1e-7 : 1e-9;

        var expected = Analysis(model).GetProperty("mixed");
        Assert.Null(fit.NotFitted);
        MixedModelFit f = fit.Fit!;
        Assert.Equal(expected.GetProperty("observations").GetInt32(), f.Observations);
        Assert.Equal(expected.GetProperty("subjects").GetInt32(), f.Subjects);
        Assert.Equal(expected.GetProperty("groupLevels").EnumerateArray().Select(g => g.GetString()), fit.GroupLevels);
        Assert.Equal(expected.GetProperty("timeLevels").EnumerateArray().Select(t => t.GetDouble()), fit.TimeLevels);
        Assert.Equal(expected.GetProperty("rowsLeftOut").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt32())),
            fit.LeftOut.Select(r => ((string?)r.Reason, r.Count)));

        var effects = expected.GetProperty("fixedEffects").EnumerateArray().ToList();
        Assert.Equal(effects.Select(e => e.GetProperty("term").GetString()), f.FixedEffects.Select(e => e.Name));
        for (var k = 0; k < effects.Count; k++)
        {
            Close(effects[k].GetProperty("estimate").GetDouble(), f.FixedEffects[k].Estimate, Tolerance, f.FixedEffects[k].Name + " estimate");
            Close(effects[k].GetProperty("standardError").GetDouble(), f.FixedEffects[k].StandardError, Tolerance, f.FixedEffects[k].Name + " SE");
            Close(effects[k].GetProperty("t").GetDouble(), f.FixedEffects[k].T, Tolerance, f.FixedEffects[k].Name + " t");
            Close(effects[k].GetProperty("degreesOfFreedom").GetDouble(), f.FixedEffects[k].DegreesOfFreedom, DfTolerance, f.FixedEffects[k].Name + " df");
        }

        var fitStatistics = expected.GetProperty("fit");
        Close(fitStatistics.GetProperty("criterion").GetDouble(), f.Criterion, Tolerance, "REML criterion");
        Close(fitStatistics.GetProperty("sigma").GetDouble(), f.Sigma, Tolerance, "sigma");
        Assert.Equal(fitStatistics.GetProperty("singular").GetBoolean(), f.Singular);
        Assert.Equal(fitStatistics.GetProperty("converged").GetBoolean(), f.Convergence.Converged);

        // The fit's own warnings (singular, rank deficient, convergence) are results.json's, whose others are the rows left out (PL5033's info).
        Assert.Equal(Analysis(model).GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString())
            .Where(m => !m!.Contains("rows left out", StringComparison.Ordinal)), f.Warnings);

        var terms = expected.GetProperty("typeIII").EnumerateArray().ToList();
        Assert.Equal(terms.Select(t => t.GetProperty("term").GetString()), f.TypeIII.Select(t => t.Term));
        for (var k = 0; k < terms.Count; k++)
        {
            Close(terms[k].GetProperty("f").GetDouble(), f.TypeIII[k].F, Tolerance, f.TypeIII[k].Term + " F");
            Close(terms[k].GetProperty("denominatorDf").GetDouble(), f.TypeIII[k].DenominatorDf, DfTolerance, f.TypeIII[k].Term + " DenDF");
        }

        var means = expected.GetProperty("marginalMeans").EnumerateArray().ToList();
        Assert.Equal(means.Count, f.MarginalMeans.Count);
        for (var k = 0; k < means.Count; k++)
        {
            Close(means[k].GetProperty("estimate").GetDouble(), f.MarginalMeans[k].Estimate, Tolerance, f.MarginalMeans[k].Label + " mean");
            Close(means[k].GetProperty("standardError").GetDouble(), f.MarginalMeans[k].StandardError, Tolerance, f.MarginalMeans[k].Label + " mean SE");
        }

        // The trajectory figure (every group, the ones the model leaves out too) from the per-(group, month) moments.
        var figure = Figure("trajectory-" + model.Split('_')[1]);
        var groups = figure.GetProperty("groups").EnumerateArray().ToList();
        bool log = figure.TryGetProperty("scale", out var scale) && scale.GetString() == "log";
        for (var g = 0; g < groups.Count; g++)
        {
            var points = groups[g].GetProperty("points").EnumerateArray().ToList();
            var actual = SqlMixedModel.TrajectoryPoints(fit.Cells, g, log);
            Assert.Equal(points.Select(p => (p.GetProperty("time").GetDouble(), p.GetProperty("n").GetInt32())), actual.Select(p => (p.Time, p.N)));
            for (var k = 0; k < points.Count; k++)
            {
                Close(points[k].GetProperty("mean").GetDouble(), actual[k].Mean, 1e-12, "figure mean");
                Close(points[k].GetProperty("sd").GetDouble(), actual[k].Sd, 1e-12, "figure SD");
                Close(points[k].GetProperty("lower").GetDouble(), actual[k].Lower, 1e-12, "figure lower");
                Close(points[k].GetProperty("upper").GetDouble(), actual[k].Upper, 1e-12, "figure upper");
            }
        }

        // Three queries (cells, per subject, overall; none repeated), and what came back is sums: one row per
        // subject, per (group, reason, time) cell and one of totals, never a visit row.
        Assert.Equal(3, fit.Queries);
        Assert.True(fit.RowsReceived <= f.Subjects + fit.Cells.Count + 16 + 1, $"{fit.RowsReceived} rows received");
        Assert.True(fit.RowsReceived < fit.Rows, $"{fit.RowsReceived} rows received for {fit.Rows} visit rows");
        output.WriteLine($"{engineName} {model}: {fit.Queries} queries, {fit.RowsReceived} rows, {fit.Received} {engine.ReceivedUnit}; largest relative difference "
            + string.Join(", ", _largest.Select(e => $"{e.Value:E1} (tolerance {e.Key:E0})")));
    }

    [Fact]
    public void TheTrajectoryCellsCountTheVisitsOfTheAnalysedSubjectsPerGroupAndMonth()
    {
        var (engine, owner, source) = Open("duckdb");
        using var _ = owner;

        var fit = SqlMixedModel.Fit(engine, Cohort, source, Spec("mixed_cytokinecourse_group_month"));

        // All four groups are in this model and no row is left out: the cells hold the 307 visits of the 62 analysed subjects.
        Assert.Equal(307, fit.Cells.Sum(c => c.N));
        Assert.Equal(4 * 5, fit.Cells.Count);
        Assert.All(fit.Cells, c => Assert.Contains(c.Time, new[] { 0.0, 1, 3, 6, 12 }));
    }

    /// <summary>The example's models: <c>model mixed log(CKCourse) | CMASCourse | log(CytokineCourse) ~ group * factor(month) + (1 | id)</c>.</summary>
    private static SqlMixedSpec Spec(string model)
    {
        var (response, log, included) = model switch
        {
            "mixed_ckcourse_group_month" => (SqlExpr.Column("ck"), true, new[] { 0, 1, 2 }),
            "mixed_cmascourse_group_month" => (SqlExpr.Column("cmas"), false, new[] { 0, 1, 2 }),
            _ => (SqlExpr.Arithmetic(SqlArithmetic.Divide, SqlExpr.Column("il10"), SqlExpr.Column("ifng")), true, (int[]?)null),
        };
        return new SqlMixedSpec(response, log, SqlExpr.Column("month"), "month", included, null, "group", GroupNames,
            [SqlMixedVariableKind.Group, SqlMixedVariableKind.TimeAsFactor], [[0], [1], [0, 1]], RandomIntercept: true, RandomSlope: false, Uncorrelated: false);
    }

    /// <summary>The engine, what to dispose after, and the example's two tables there.</summary>
    private static (SqlEngine Engine, IDisposable Owner, SqlChildSource Source) Open(string engine)
    {
        if (engine == "clickhouse")
        {
            ClickHouseCluster.Require();
            var http = ClickHouseCluster.Http();
            return (new ClickHouseSqlEngine(http), http, Source(r => Table(r, "protocollang", "subjects"), r => Table(r, "protocollang", "visits")));
        }

        if (engine == "postgres")
        {
            PostgresServer.EnsureRunning();
            var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
            connection.Open();
            return (new AdoSqlEngine(connection, PostgresDialect.Instance), connection,
                Source(r => Table(r, "public", "subjects"), r => Table(r, "clinic", "visits")));
        }

        var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        return (new AdoSqlEngine(duck, DuckDbDialect.Instance), duck, Source(r => Csv(r, "subjects"), r => Csv(r, "visits")));
    }

    private static SqlChildSource Source(Func<SqlRenderer, string> subjects, Func<SqlRenderer, string> visits) => new(visits, "id", subjects, "id");

    private static string Table(SqlRenderer r, string schema, string name) => r.Dialect.QuoteIdentifier(schema) + "." + r.Dialect.QuoteIdentifier(name);

    private static string Csv(SqlRenderer r, string table) =>
        "read_csv(" + r.Dialect.Bind(ClickHouseCluster.ExampleCsv(table), r.Parameters) + ", header = true, nullstr = ['', 'NA'])";

    private static JsonElement Figure(string id) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(ClickHouseCluster.ExampleCsv("subjects"))!, "..", "report", "results.json")))
            .RootElement.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id).GetProperty("trajectory").Clone();

    private static JsonElement Analysis(string id) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(ClickHouseCluster.ExampleCsv("subjects"))!, "..", "report", "results.json")))
            .RootElement.GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id).Clone();

    /// <summary>The largest relative difference seen so far per tolerance (written to the test's output).</summary>
    private readonly Dictionary<double, double> _largest = [];

    private void Close(double expected, double actual, double tolerance, string what)
    {
        double relative = Math.Abs(expected - actual) / Math.Max(1, Math.Abs(expected));
        _largest[tolerance] = Math.Max(_largest.GetValueOrDefault(tolerance), relative);
        Assert.True(relative <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
