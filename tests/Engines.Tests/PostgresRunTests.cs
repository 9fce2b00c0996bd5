using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ProtocolLang.Engines.Tests;

/// <summary>The example study run from its CSV files and from the PostgreSQL server's copies of them (the CSVs deleted).</summary>
public sealed class PostgresRuns : IDisposable
{
    internal const string Subjects = "postgres \"ci\" table \"public.subjects\"";

    internal const string Visits = "postgres \"ci\" table \"clinic.visits\"";

    public PostgresRuns()
    {
        PostgresServer.EnsureRunning();
        Studies = new EngineStudies();
        Csv = Studies.Run(Studies.CopyExample("csv"), "csv");
        PostgresStudy = Studies.ExampleFrom("postgres", Subjects, Visits, EngineStudies.ConnectionsFile("ci", PostgresServer.ConnectionString));
        Postgres = Studies.Run(PostgresStudy, "postgres");
    }

    internal EngineStudies Studies { get; }

    internal RunRecord Csv { get; }

    internal RunRecord Postgres { get; }

    internal string PostgresStudy { get; }

    public void Dispose() => Studies.Dispose();
}

public sealed class PostgresRunTests(PostgresRuns runs) : IClassFixture<PostgresRuns>
{
    [Fact]
    public void PostgresTablesGiveTheCsvRunsAnalysesProblemsAndFlow()
    {
        Assert.True(runs.Csv.Exit == 0, runs.Csv.Error);
        Assert.True(runs.Postgres.Exit == 0, runs.Postgres.Error);
        using var expected = runs.Csv.Results();
        using var actual = runs.Postgres.Results();

        Assert.True(expected.RootElement.GetProperty("analyses").GetArrayLength() > 10, "the example runs its analyses");
        foreach (var section in new[] { "analyses", "problems" })
        {
            ResultsComparison.AssertSame(expected.RootElement.GetProperty(section), actual.RootElement.GetProperty(section), section);
        }

        ResultsComparison.AssertSame(
            ResultsComparison.WithoutSources(expected.RootElement.GetProperty("flow")),
            ResultsComparison.WithoutSources(actual.RootElement.GetProperty("flow")),
            "flow");
    }

    [Fact]
    public void TheFlowNamesEachServerTableByItsConnectionNameAndTable()
    {
        using var results = runs.Postgres.Results();

        var tables = results.RootElement.GetProperty("flow").GetProperty("tables").EnumerateArray()
            .Select(t => (t.GetProperty("table").GetString(), t.GetProperty("source").GetString(), t.GetProperty("rowsRead").GetInt32()));
        Assert.Equal([("subjects", PostgresRuns.Subjects, 67), ("visits", PostgresRuns.Visits, 332)], tables);
    }

    [Fact]
    public void ResultsSayWhichServerTablesWereReadByWhichQueryAndWhen()
    {
        using var results = runs.Postgres.Results();
        using var csv = runs.Csv.Results();

        var sources = results.RootElement.GetProperty("dataSources").EnumerateArray().ToArray();
        Assert.Equal(
            [("subjects", "postgres", "ci", "public.subjects", 67), ("visits", "postgres", "ci", "clinic.visits", 332)],
            sources.Select(s => (s.GetProperty("table").GetString(), s.GetProperty("engine").GetString(), s.GetProperty("connection").GetString(),
                s.GetProperty("sourceTable").GetString(), s.GetProperty("rowsRead").GetInt32())));
        Assert.StartsWith("SELECT CAST(\"id\" AS text), CAST(\"antibody\" AS text)", sources[0].GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(" FROM \"clinic\".\"visits\" ORDER BY ctid", sources[1].GetProperty("query").GetString(), StringComparison.Ordinal);
        var readAt = DateTimeOffset.Parse(sources[0].GetProperty("readAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - readAt, TimeSpan.Zero, TimeSpan.FromMinutes(30));
        Assert.Empty(results.RootElement.GetProperty("dataFiles").EnumerateArray());
        Assert.False(csv.RootElement.TryGetProperty("dataSources", out _), "a run from files has no dataSources");
    }

    [Fact]
    public void TheReportsAppendixListsTheServerTablesWithTheirQuery()
    {
        var report = File.ReadAllText(Path.Combine(runs.Postgres.OutputDirectory, "report.md"));

        Assert.Contains("| Table | Source | Rows read | Query | Read at (UTC) |", report, StringComparison.Ordinal);
        Assert.Contains("| `subjects` | `postgres \"ci\" table \"public.subjects\"` | 67 | `SELECT CAST(", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Read at (UTC)", File.ReadAllText(Path.Combine(runs.Csv.OutputDirectory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void StatusSaysTheServerTablesMayHaveChanged()
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = ProtocolLang.Cli.Commands.StatusCommand.Execute(runs.Postgres.OutputDirectory, runs.PostgresStudy, new ProtocolLang.Cli.CliOutput(output, new StringWriter(), ShowProgress: false));

        Assert.Equal(0, exit);
        Assert.Contains("Report is current: the study file and 0 data files match the SHA-256 recorded in results.json. 2 tables were read from a database server, whose rows may have changed since", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoOutputOfTheRunHoldsThePasswordOrTheConnectionString()
    {
        var written = runs.Postgres.EverythingWritten();

        Assert.Contains("public.subjects", written, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, written, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=", written, StringComparison.Ordinal);
    }
}
