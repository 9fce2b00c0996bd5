using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;
using Xunit;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// A Cox model fitted by push-down (one GROUP BY query per Newton iteration, <see cref="SqlCox"/>) equals the in-memory
/// fit of the same generated study: a group factor, a numeric and a categorical covariate, missing values in the time,
/// the status and the covariates, many tied times, a horizon that censors, strata, and unassigned subjects.
/// Kruskal-Wallis from the engine's value counts equals the in-memory test bit for bit.
/// </summary>
public sealed class SqlCoxEquivalenceTests : IDisposable
{
    private const double Tolerance = 1e-9;

    private const string Study = """
        study SqlCoxEquivalence {
          table subjects from "subjects.csv" key id {
            id: text
            arm: category(p, q, r) optional
            age: number optional
            sex: category(F, M) optional
            site: category(s1, s2) optional
            t: number optional
            e: bool optional
          }
          include "age known or arm known": age is not missing or arm is not missing
          groups {
            P "P": arm == p
            Q "Q": arm == q
            R "R": arm == r
          }
          outcome T "T": time_to_event(t, e) horizon 30
          model cox T ~ group + age + sex reference group = R, sex = F ties efron
          model cox T ~ group + age + sex reference group = R, sex = F ties breslow
          model cox T ~ group + age + sex reference group = R strata site ties efron
          model cox T ~ group + age + sex reference group = R strata site ties breslow
          model cox T ~ age + sex where arm != r ties efron
          compare age across groups using kruskal_wallis
          report "out" formats json
        }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pl-sqlcox-" + Guid.NewGuid().ToString("N"));

    public SqlCoxEquivalenceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0, CoxTies.Efron, false)]
    [InlineData(1, CoxTies.Breslow, false)]
    [InlineData(2, CoxTies.Efron, true)]
    [InlineData(3, CoxTies.Breslow, true)]
    public void ACoxFitFromDuckDbSumsPerTimeEqualsTheInMemoryFit(int analysis, CoxTies ties, bool strata)
    {
        var (cohortSql, results) = RunInMemory(seed: 20261207);
        var expected = results.RootElement.GetProperty("analyses").EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "cox").ElementAt(analysis).GetProperty("cox");
        Assert.Equal(ties == CoxTies.Efron ? "efron" : "breslow", expected.GetProperty("ties").GetString());
        Assert.Equal(strata ? 1 : 0, expected.GetProperty("strata").GetArrayLength());

        var model = new SqlCoxModel(cohortSql.Outcome("T"), Covariates(), strata ? [SqlExpr.Column("site")] : [], ties);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var engine = new AdoSqlEngine(connection, DuckDbDialect.Instance);
        var fit = SqlCox.Fit(engine, cohortSql, model, From(Path.Combine(_folder, "subjects.csv")));

        AssertSameFit(expected, fit);

        // One first query (the means and the sums at β = 0, per complete or not), then one per iteration; only sums per time
        // come back, split by group because the group indicators are summed per group (SqlCoxGroupSums): at most 2 strata ×
        // 31 times × 2 statuses × 3 groups rows per query (and twice that, complete or not, in the first).
        Assert.Equal(1 + fit.Fit.Iterations, fit.Queries);
        Assert.Equal(engine.Queries, fit.Queries);
        Assert.Equal("values", fit.ReceivedUnit);
        Assert.True(fit.RowsReceived < (fit.Queries + 1) * 2 * 2 * 31 * 3, $"{fit.RowsReceived} rows: at most (stratum, time, status, group) per query");
        Assert.True(double.IsNaN(fit.Fit.Concordance));
        Assert.Contains("concordance", fit.NotAvailable, StringComparison.Ordinal);

        // The data reach every branch: ties, the horizon, and each kind of missing value.
        Assert.True(fit.Fit.Events > 100 && fit.LeftOut > 0);
    }

    [Fact]
    public void CoxWithExactTiesIsRefusedBecauseSumsDoNotDetermineItsLikelihood()
    {
        var cohortSql = (Runtime.Sql.CohortSql)GeneratedStudyRun.Compile(_folder, Study, "SqlCoxEquivalenceStudy").GetProperty("CohortSql")!.GetValue(null)!;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var model = new SqlCoxModel(cohortSql.Outcome("T"), Covariates(), [], CoxTies.Exact);

        var error = Assert.Throws<ArgumentException>(() => SqlCox.Fit(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, model, r => "t"));
        Assert.Contains("exact ties cannot be pushed down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KruskalWallisFromDuckDbValueCountsEqualsTheInMemoryTestBitForBit()
    {
        var (cohortSql, results) = RunInMemory(seed: 5);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var counts = SqlValueCounts.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, SqlExpr.Column("age"), numeric: true,
            From(Path.Combine(_folder, "subjects.csv")));

        var test = KruskalWallis.TestFromOrderedCounts([counts.Counts[0], counts.Counts[1], counts.Counts[2]]);
        var expected = results.RootElement.GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "compare")
            .GetProperty("compare").GetProperty("rows")[0].GetProperty("test");
        Assert.Equal(expected.GetProperty("statistic").GetDouble(), test.Statistic);
        Assert.Equal(expected.GetProperty("pValue").GetDouble(), test.PValue);
        Assert.Equal(expected.GetProperty("degreesOfFreedom").GetDouble(), test.DegreesOfFreedom);
        Assert.True(counts.Values.Count < counts.Counts.Sum(c => c.Sum()) / 2, "ages are rounded, so the tie correction is exercised");
    }

    [Fact]
    public void ACoxFitOfSomeGroupsFromDuckDbEqualsTheInMemoryFitWhereTheirArmIsNotR()
    {
        var (cohortSql, results) = RunInMemory(seed: 99);
        var expected = results.RootElement.GetProperty("analyses").EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "cox").ElementAt(4).GetProperty("cox");
        var model = new SqlCoxModel(cohortSql.Outcome("T"), Covariates().Skip(2).ToList(), [], CoxTies.Efron, Groups: [0, 1]);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();

        var fit = SqlCox.Fit(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, model, From(Path.Combine(_folder, "subjects.csv")));

        AssertSameFit(expected, fit);
        Assert.Equal(["age", "sexM"], fit.Fit.Coefficients.Select(c => c.Name));
    }

    /// <summary>n, left out, events, iterations, each coefficient with its SE and p, both log-likelihoods and the three tests.</summary>
    private static void AssertSameFit(JsonElement expected, SqlCoxFit fit)
    {
        Assert.Equal(expected.GetProperty("n").GetInt32(), fit.Fit.N);
        Assert.Equal(expected.GetProperty("excluded").GetInt32(), fit.LeftOut);
        Assert.Equal(expected.GetProperty("events").GetInt32(), fit.Fit.Events);
        Assert.Equal(expected.GetProperty("iterations").GetInt32(), fit.Fit.Iterations);
        Assert.True(fit.Fit.Converged);
        var terms = expected.GetProperty("terms").EnumerateArray().ToList();
        Assert.Equal(terms.Select(t => t.GetProperty("term").GetString()), fit.Fit.Coefficients.Select(c => c.Name));
        foreach (var (term, coefficient) in terms.Zip(fit.Fit.Coefficients))
        {
            Close(term.GetProperty("coefficient").GetDouble(), coefficient.Coefficient);
            Close(term.GetProperty("standardError").GetDouble(), coefficient.StandardError);
            Close(term.GetProperty("pValue").GetDouble(), coefficient.PValue);
        }

        Close(expected.GetProperty("logLikelihoodNull").GetDouble(), fit.Fit.LogLikelihoodNull);
        Close(expected.GetProperty("logLikelihood").GetDouble(), fit.Fit.LogLikelihood);
        Close(expected.GetProperty("likelihoodRatio").GetProperty("statistic").GetDouble(), fit.Fit.LikelihoodRatio.Statistic);
        Close(expected.GetProperty("wald").GetProperty("statistic").GetDouble(), fit.Fit.Wald.Statistic);
        Close(expected.GetProperty("score").GetProperty("statistic").GetDouble(), fit.Fit.Score.Statistic);
    }

    /// <summary>The model's design columns as the in-memory kernel names them: group levels against R, age, sex M against F.</summary>
    private static List<SqlCoxCovariate> Covariates() =>
    [
        SqlCoxCovariate.InGroup("groupP", 0),
        SqlCoxCovariate.InGroup("groupQ", 1),
        SqlCoxCovariate.Number("age", SqlExpr.Column("age")),
        SqlCoxCovariate.Indicator("sexM", SqlExpr.Compare(SqlComparison.Equal, SqlExpr.Column("sex"), SqlExpr.Text("M"))),
    ];

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    private (CohortSql CohortSql, JsonDocument Results) RunInMemory(int seed)
    {
        WriteData(rows: 3000, seed);
        return GeneratedStudyRun.Run(GeneratedStudyRun.Compile(_folder, Study, "SqlCoxEquivalenceStudy"), _folder);
    }

    /// <summary>
    /// Times in whole days 1..60 (many ties; the horizon 30 censors the later ones) with a hazard that depends on arm,
    /// age and sex; about 3% missing in each of arm, age, sex, site, t and e.
    /// </summary>
    private void WriteData(int rows, int seed)
    {
        var random = new Random(seed);
        string Maybe(string value) => random.NextDouble() < 0.03 ? "NA" : value;
        var csv = new StringBuilder("id,arm,age,sex,site,t,e\n");
        for (var i = 0; i < rows; i++)
        {
            var arm = "pqr"[random.Next(3)];
            var age = Math.Round(20 + (random.NextDouble() * 60));
            var male = random.Next(2) == 1;
            var rate = 0.03 * Math.Exp((arm == 'p' ? 0.5 : arm == 'q' ? -0.3 : 0) + (0.02 * (age - 50)) + (male ? 0.4 : 0));
            var t = Math.Min(60, Math.Ceiling(-Math.Log(1 - random.NextDouble()) / rate));
            var e = random.NextDouble() < 0.75 ? "true" : "false";
            csv.Append(CultureInfo.InvariantCulture, $"S{i:D4},{Maybe(arm.ToString())},{Maybe(age.ToString(CultureInfo.InvariantCulture))},{Maybe(male ? "M" : "F")},")
                .Append(CultureInfo.InvariantCulture, $"{Maybe(random.Next(2) == 0 ? "s1" : "s2")},{Maybe(t.ToString(CultureInfo.InvariantCulture))},{Maybe(e)}\n");
        }

        File.WriteAllText(Path.Combine(_folder, "subjects.csv"), csv.ToString());
    }

    private static Func<SqlRenderer, string> From(string csv) => r => "read_csv(" + r.Dialect.Bind(csv, r.Parameters)
        + ", header = true, nullstr = ['', 'NA'], columns = {'id': 'VARCHAR', 'arm': 'VARCHAR', 'age': 'DOUBLE', 'sex': 'VARCHAR', 'site': 'VARCHAR', 't': 'DOUBLE', 'e': 'BOOLEAN'})";
}
