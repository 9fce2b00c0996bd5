using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// The bad-data corpus (<c>BadData/</c>, see its README): every kind of data problem stops a strict run with exit
/// code 2 and the row listed, and with <c>on_invalid exclude</c> / <c>on_overlap exclude</c> the run completes and
/// the console, <c>report.md</c> and <c>results.json</c> all count the exclusion by reason.
/// </summary>
public sealed class BadDataCorpusTests : IClassFixture<BadDataCorpusTests.SharedCache>
{
    private readonly SharedCache _cache;

    public BadDataCorpusTests(SharedCache cache)
    {
        _cache = cache;
    }

    public static TheoryData<string> Cases { get; } = new(
        Directory.GetDirectories(CorpusFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    private static string CorpusFolder => RepositoryPaths.Combine("tests", "ProtocolLang.Cli.Tests", "BadData");

    [Theory]
    [MemberData(nameof(Cases))]
    public void AStrictRunStopsWithExitCodeTwoAndListsTheRowOnTheConsoleAndInTheProblemsFile(string name)
    {
        var expected = Expected.Read(name);
        using var temp = new TempFolder();
        var study = CopyCase(name, temp, lenient: false);
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, null, null, _cache.Path), captured.Output);

        var error = captured.Error.ToString();
        Assert.True(exit == ExitCodes.DataErrors, $"exit {exit}; stderr:\n{error}");
        Assert.Contains(expected.Problem, error, StringComparison.Ordinal);
        Assert.Contains(expected.Problem + "\n", File.ReadAllText(temp.Combine("case", "report", "problems.txt")), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("case", "report", "results.json")), "a stopped run writes no results");
        if (expected.Warning is { } warning)
        {
            Assert.Contains(warning, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ALenientRunExcludesTheRowAndCountsItByReasonOnTheConsoleInTheReportAndInTheResults(string name)
    {
        var expected = Expected.Read(name);
        using var temp = new TempFolder();
        var study = CopyCase(name, temp, lenient: true);
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, null, null, _cache.Path), captured.Output);

        var output = captured.Out.ToString();
        Assert.True(exit == ExitCodes.Success, $"exit {exit}; stderr:\n{captured.Error}");
        var summary = Assert.Single(output.Split('\n'), l => l.StartsWith(expected.Table + ": ", StringComparison.Ordinal));
        Assert.Contains(expected.Count + " " + expected.ConsoleReason, summary, StringComparison.Ordinal);
        Assert.Contains("| " + expected.ReportReason + " | " + expected.Count + " |", File.ReadAllText(temp.Combine("case", "report", "report.md")), StringComparison.Ordinal);
        if (expected.Stage != "overlapping")
        {
            // Excluded rows' problems are still listed; subjects excluded for overlapping groups are listed in the flow.
            Assert.Contains(expected.Problem + "\n", File.ReadAllText(temp.Combine("case", "report", "problems.txt")), StringComparison.Ordinal);
        }

        using var results = JsonDocument.Parse(File.ReadAllText(temp.Combine("case", "report", "results.json")));
        var table = results.RootElement.GetProperty("flow").GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("table").GetString() == expected.Table);
        var exclusion = table.GetProperty("excluded").EnumerateArray().Single(e =>
            e.GetProperty("stage").GetString() == expected.Stage
            && (expected.Reason is null || e.GetProperty("reason").GetString() == expected.Reason));
        Assert.Equal(expected.Count, exclusion.GetProperty("count").GetInt32());
        if (expected.Code is not null)
        {
            Assert.Equal(expected.Code, exclusion.GetProperty("code").GetString());
        }
    }

    /// <summary>The case's data and study in <c>temp/case</c>; the lenient variant opts in to excluding.</summary>
    private static string CopyCase(string name, TempFolder temp, bool lenient)
    {
        var source = Path.Combine(CorpusFolder, name);
        var target = temp.Combine("case");
        Directory.CreateDirectory(target);
        foreach (var csv in Directory.GetFiles(source, "*.csv"))
        {
            File.Copy(csv, Path.Combine(target, Path.GetFileName(csv)));
        }

        var own = Path.Combine(source, "case.study");
        var text = File.ReadAllText(File.Exists(own) ? own : Path.Combine(CorpusFolder, "study.study"));
        if (lenient)
        {
            var lines = text.Split('\n').ToList();
            lines.Insert(lines.FindIndex(l => l.StartsWith("study ", StringComparison.Ordinal)) + 1, "  on_invalid exclude");
            text = string.Join('\n', lines).Replace("groups {", "groups on_overlap exclude {", StringComparison.Ordinal);
        }

        var study = Path.Combine(target, "study.study");
        File.WriteAllText(study, text);
        return study;
    }

    /// <summary>One compiled assembly per distinct study text, shared by the cases.</summary>
    public sealed class SharedCache : IDisposable
    {
        private readonly TempFolder _folder = new();

        public string Path => _folder.Path;

        public void Dispose() => _folder.Dispose();
    }

    private sealed record Expected(string Problem, string? Warning, string Table, string Stage, string? Reason, string? Code, int Count)
    {
        public string ConsoleReason => Stage == "overlapping" ? "in more than one group" : $"invalid ({Reason}, {Code})";

        public string ReportReason => Stage == "overlapping" ? "In more than one group" : $"Invalid row: {Reason} ({Code})";

        public static Expected Read(string name)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in File.ReadAllLines(Path.Combine(CorpusFolder, name, "expected.txt")).Where(l => l.Length > 0))
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                values.Add(line[..colon], line[(colon + 2)..]);
            }

            return new Expected(
                values["problem"],
                values.GetValueOrDefault("warning"),
                values["table"],
                values["stage"],
                values.GetValueOrDefault("reason"),
                values.GetValueOrDefault("code"),
                int.Parse(values["count"], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
