using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Survival;
using ProtocolLang.Studies.Nxp2Jdm;
using Xunit;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// Kaplan-Meier and log-rank pushed down to DuckDB: events and censorings per (group, time) of the analysed subjects
/// from one query over the example's file, finished by the same kernels, give the numbers of the in-memory run's
/// results.json to 1e-9 relative.
/// </summary>
public sealed class Nxp2JdmEngineSurvivalTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void KaplanMeierFromDuckDbCountsEqualsTheInMemoryRun()
    {
        var counts = Counts(out var leftOut);
        var fit = KaplanMeier.Fit(counts);

        var km = Analysis("kaplan_meier_relapse").GetProperty("kaplanMeier");
        Assert.Equal(km.GetProperty("leftOut").GetInt32(), leftOut);
        var groups = km.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(groups.Count, fit.Curves.Count);
        foreach (var (group, curve) in groups.Zip(fit.Curves))
        {
            Assert.Equal(group.GetProperty("n").GetInt32(), curve.N);
            Assert.Equal(group.GetProperty("events").GetInt32(), curve.Events);
            var table = group.GetProperty("table").EnumerateArray().ToList();
            Assert.Equal(table.Count, curve.Time.Count);
            for (var i = 0; i < table.Count; i++)
            {
                Assert.Equal(table[i].GetProperty("time").GetDouble(), curve.Time[i]);
                Assert.Equal(table[i].GetProperty("nRisk").GetInt32(), curve.NRisk[i]);
                Assert.Equal(table[i].GetProperty("nEvent").GetInt32(), curve.NEvent[i]);
                Assert.Equal(table[i].GetProperty("nCensor").GetInt32(), curve.NCensor[i]);
                Close(table[i].GetProperty("survival").GetDouble(), curve.Survival[i]);
                Close(table[i].GetProperty("stdErr").GetDouble(), curve.StdErr[i]);
            }
        }
    }

    [Fact]
    public void LogRankFromDuckDbCountsEqualsTheInMemoryRun()
    {
        var test = LogRank.Test(Counts(out _));

        var logRank = Analysis("logrank_relapse").GetProperty("logRank");
        Close(logRank.GetProperty("chiSquare").GetDouble(), test.ChiSquare);
        Close(logRank.GetProperty("pValue").GetDouble(), test.PValue);
        Assert.Equal(logRank.GetProperty("degreesOfFreedom").GetInt32(), test.DegreesOfFreedom);
        var groups = logRank.GetProperty("groups").EnumerateArray().ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            Assert.Equal(groups[g].GetProperty("n").GetInt32(), test.N[g]);
            Close(groups[g].GetProperty("observed").GetDouble(), test.Observed[g]);
            Close(groups[g].GetProperty("expected").GetDouble(), test.Expected[g]);
        }
    }

    private static SurvivalCounts Counts(out int leftOut)
    {
        var csv = RepositoryPaths.Combine("examples", "Nxp2Jdm", "data", "subjects.csv");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return SqlSurvivalCounts.Count(new AdoSqlEngine(connection, DuckDbDialect.Instance), Nxp2JdmStudy.CohortSql, Nxp2JdmStudy.CohortSql.Outcome("Relapse"),
            r => "read_csv(" + r.Dialect.Bind(csv, r.Parameters) + ", header = true, nullstr = ['', 'NA'])", out leftOut);
    }

    private static JsonElement Analysis(string id)
    {
        var results = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "results.json")));
        return results.RootElement.GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id).Clone();
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
