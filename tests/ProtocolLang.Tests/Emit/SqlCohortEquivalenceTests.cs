using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;
using Xunit;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// The criteria and groups the generator writes for an engine (<c>CohortSql</c>) mean what its C# lambdas mean: a study
/// with missing values, zeros, negatives, an exp overflow, a division by zero, three-valued logic, <c>if</c>, <c>in</c>
/// and hostile text is run in memory, and its subject flow is counted again by DuckDB over the same file.
/// </summary>
public sealed class SqlCohortEquivalenceTests : IDisposable
{
    private const string Hostile = "q', 1); DROP TABLE t; --\"";

    private static readonly string Study = """
        study SqlEquivalence {
          table subjects from "subjects.csv" key id {
            id: text
            x: number optional
            n: integer optional
            s: text optional
            c: category(a, b, c) optional
            b: bool optional
            derive ratio = x / n
            derive lx = log(x)
          }
          include "x known or n big": x is not missing or n > 2
          exclude "ratio over four": ratio > 4
          exclude "log not above minus one": not (lx > -1)
          include "text listed or missing": s in ("p", "HOSTILE") or s is missing
          groups on_overlap exclude {
            A "A": c == a and b
            B "B": c == b or (x >= 2 and n is missing)
            C "C": abs(x - 1) < 0.5 and sqrt(n) > 1
            D "D": exp(x * 100) > exp(345) and (if b then x else n) > 0.3 and c == a and not b
            E "E": min(x, n) >= 1 and not (c in (a, b))
          }
          outcome X "X": continuous x
          outcome T "T": time_to_event(abs(x), b) horizon 3
          describe X by group
          model kaplan_meier T by group
          test logrank T by group
          compare X: B vs C using mann_whitney approximate
          compare b: B vs C using fisher
          compare X: B vs C using t_test
          compare X: B vs C using welch
          report "out" formats json
        }
        """.Replace("HOSTILE", Hostile.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pl-sql-" + Guid.NewGuid().ToString("N"));

    public SqlCohortEquivalenceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DuckDbCountsTheSameSubjectFlowAsTheGeneratedLambdas()
    {
        WriteData(rows: 3000, seed: 20261207);
        var study = CompileStudy();

        var results = (StudyResults)study.GetMethod("Run")!.Invoke(null, [new StudyRunOptions
        {
            StudyDirectory = _folder,
            OutputDirectory = Path.Combine(_folder, "out"),
            Formats = [ReportFormat.Json],
        }])!;
        var memory = results.Flow.Cohort!;
        var cohortSql = (CohortSql)study.GetProperty("CohortSql")!.GetValue(null)!;
        var engine = CountInDuckDb(cohortSql, Path.Combine(_folder, "subjects.csv"));

        Assert.Equal(memory.RowsRead - memory.InvalidRows, engine.Rows);
        Assert.Equal(memory.Criteria.Select(c => (long)c.Excluded), engine.ExcludedBy);
        Assert.Equal(memory.Criteria.Select(c => (long)c.ExcludedMissing), engine.ExcludedMissing);
        Assert.Equal(memory.Unassigned, engine.Unassigned);
        Assert.Equal(memory.Overlapping, engine.Overlapping);
        Assert.Equal(memory.Groups.Select(g => (long)g.N), engine.GroupN);

        // The data reach every branch: each criterion excludes someone (two through a missing predicate), each group has subjects.
        Assert.All(memory.Criteria, c => Assert.True(c.Excluded > 0, c.Label));
        Assert.True(memory.Criteria[0].ExcludedMissing > 0 && memory.Criteria[3].ExcludedMissing == 0);
        Assert.All(memory.Groups, g => Assert.True(g.N > 0, g.Name));
        Assert.True(memory.Unassigned > 0 && memory.Overlapping > 0);
    }

    [Fact]
    public void KaplanMeierAndLogRankFromDuckDbCountsEqualTheInMemoryRunWithTheHorizonAndLeftOutSubjects()
    {
        var (cohortSql, results) = RunInMemory(seed: 7);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var counts = SqlSurvivalCounts.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, cohortSql.Outcome("T"), From(Path.Combine(_folder, "subjects.csv")), out var leftOut);

        var analyses = results.RootElement.GetProperty("analyses").EnumerateArray().ToList();
        var km = analyses.Single(a => a.GetProperty("kind").GetString() == "kaplan_meier").GetProperty("kaplanMeier");
        Assert.Equal(km.GetProperty("leftOut").GetInt32(), leftOut);
        Assert.True(leftOut > 0, "subjects without a status are left out, so the count can differ");
        var fit = KaplanMeier.Fit(counts);
        foreach (var (group, curve) in km.GetProperty("groups").EnumerateArray().Zip(fit.Curves))
        {
            var table = group.GetProperty("table").EnumerateArray().ToList();
            Assert.Equal(table.Select(r => r.GetProperty("time").GetDouble()), curve.Time);
            Assert.Equal(table.Select(r => r.GetProperty("nRisk").GetInt32()), curve.NRisk);
            Assert.Equal(table.Select(r => r.GetProperty("nEvent").GetInt32()), curve.NEvent);
            Assert.Equal(table.Select(r => r.GetProperty("survival").GetDouble()), curve.Survival);
        }

        Assert.Contains(fit.Curves, c => c.Time.Count > 0 && c.Time[^1] == 3 && c.NCensor[^1] > 0);   // censored at the horizon
        var logRank = analyses.Single(a => a.GetProperty("kind").GetString() == "logrank").GetProperty("logRank");
        var test = LogRank.Test(counts);
        Assert.Equal(logRank.GetProperty("chiSquare").GetDouble(), test.ChiSquare, 1e-9 * test.ChiSquare);
    }

    [Fact]
    public void MannWhitneyAndFisherFromDuckDbValueCountsEqualTheInMemoryRun()
    {
        var (cohortSql, results) = RunInMemory(seed: 11);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var csv = Path.Combine(_folder, "subjects.csv");
        var x = SqlValueCounts.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, cohortSql.Outcome("X").Value!, numeric: true, From(csv));
        var b = SqlValueCounts.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, SqlExpr.Column("b"), numeric: false, From(csv));

        var compares = results.RootElement.GetProperty("analyses").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "compare")
            .Select(a => a.GetProperty("compare").GetProperty("rows")[0]).ToList();
        var mannWhitney = MannWhitney.TestFromOrderedCounts(x.Of(1), x.Of(2));
        Assert.Equal(compares[0].GetProperty("test").GetProperty("statistic").GetDouble(), mannWhitney.Statistic);
        Assert.Equal(compares[0].GetProperty("test").GetProperty("pValue").GetDouble(), mannWhitney.PValue, 1e-12);
        Assert.Equal(compares[0].GetProperty("summaries")[0].GetProperty("missing").GetInt64(), x.Missing[1]);
        Assert.True(x.Values.Count < x.Counts[1].Sum() + x.Counts[2].Sum(), "the data have ties, so the tie term is exercised");

        // b's levels come back as false, true: the 2 x 2 table of groups B and C.
        Assert.Equal(new object[] { false, true }, b.Values);
        var fisher = FisherExact.TwoByTwo(b.Of(1)[1], b.Of(1)[0], b.Of(2)[1], b.Of(2)[0]);
        Assert.Equal(compares[1].GetProperty("test").GetProperty("pValue").GetDouble(), fisher.PValue, 1e-12);

        // t-tests from the engine's COUNT, AVG and VAR_SAMP per group.
        var (moments, missing) = SqlMoments.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, cohortSql.Outcome("X").Value!, From(csv));
        Assert.Equal(x.Missing, missing);
        foreach (var (row, test) in new[] { (compares[2], TTest.Student(moments[1], moments[2])), (compares[3], TTest.Welch(moments[1], moments[2])) })
        {
            var expected = row.GetProperty("test");
            Relative(expected.GetProperty("statistic").GetDouble(), test.Statistic);
            Relative(expected.GetProperty("pValue").GetDouble(), test.PValue);
            Relative(expected.GetProperty("estimate").GetDouble(), test.Estimate!.Value);
            Relative(expected.GetProperty("confidenceLow").GetDouble(), test.ConfidenceLow!.Value);
        }
    }

    private static void Relative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void HostileTextIsBoundAsAParameterAndNeverReachesTheQueryText()
    {
        var cohortSql = (CohortSql)CompileStudy().GetProperty("CohortSql")!.GetValue(null)!;
        var renderer = new SqlRenderer(DuckDbDialect.Instance);
        var sql = SqlCohortFlow.Query(cohortSql, r => "t", renderer);

        Assert.DoesNotContain("DROP", sql, StringComparison.Ordinal);
        Assert.Contains(Hostile, renderer.Parameters.OfType<string>());
        Assert.Equal(sql.Count(c => c == '?'), renderer.Parameters.Count);
    }

    [Fact]
    public void ACriterionWithRoundIsRefusedWithItsReason()
    {
        var text = Study.Replace("exclude \"ratio over four\": ratio > 4", "exclude \"ratio over four\": round(ratio) > 4", StringComparison.Ordinal);
        Assert.NotEqual(Study, text);
        var cohortSql = (CohortSql)CompileStudy(text).GetProperty("CohortSql")!.GetValue(null)!;

        var error = Assert.Throws<InvalidOperationException>(() => SqlCohortFlow.Query(cohortSql, r => "t", new SqlRenderer(DuckDbDialect.Instance)));
        Assert.Contains("criterion \"ratio over four\": round() halves to even", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes the data, runs the study in memory, and returns its engine form and results.json.</summary>
    private (CohortSql CohortSql, JsonDocument Results) RunInMemory(int seed)
    {
        WriteData(rows: 3000, seed);
        return GeneratedStudyRun.Run(CompileStudy(), _folder);
    }

    private Type CompileStudy(string? text = null) => GeneratedStudyRun.Compile(_folder, text ?? Study, "SqlEquivalenceStudy");

    /// <summary>Rows that reach every branch: missing, zero, negative and large x (exp(100 x) overflows), n = 0 (x / 0).</summary>
    private void WriteData(int rows, int seed)
    {
        var random = new Random(seed);
        string Pick(params string[] values) => values[random.Next(values.Length)];
        var csv = new StringBuilder("id,x,n,s,c,b\n");
        for (var i = 0; i < rows; i++)
        {
            var x = Pick("NA", "0", "-1.5", "0.7", "1", "1.2", "2.5", "3.7", "9", "12", (random.NextDouble() * 4).ToString("0.###", CultureInfo.InvariantCulture));
            var n = Pick("NA", "0", "1", "2", "3", "5");
            var s = Pick("NA", "p", "other", "\"" + Hostile.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            csv.Append(CultureInfo.InvariantCulture, $"S{i:D4},{x},{n},{s},{Pick("NA", "a", "b", "c")},{Pick("NA", "true", "false")}\n");
        }

        File.WriteAllText(Path.Combine(_folder, "subjects.csv"), csv.ToString());
    }

    private static SqlFlowCounts CountInDuckDb(CohortSql cohortSql, string csv)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return SqlCohortFlow.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), cohortSql, From(csv));
    }

    /// <summary>The file typed as the study declares it (DuckDB would guess n as a number and c as text anyway; here nothing is guessed).</summary>
    private static Func<SqlRenderer, string> From(string csv) => r => "read_csv(" + r.Dialect.Bind(csv, r.Parameters)
        + ", header = true, nullstr = ['', 'NA'], columns = {'id': 'VARCHAR', 'x': 'DOUBLE', 'n': 'BIGINT', 's': 'VARCHAR', 'c': 'VARCHAR', 'b': 'BOOLEAN'})";
}
