using System;
using System.IO;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Runs the example once per test run, in order: cold (empty cache), warm (same study, same data), and
/// with one data value changed (subject P002's baseline CK 11582 → 50), each into its own folder.
/// Running is the slow part (Roslyn), so the run and diff tests share these.
/// </summary>
public sealed class ExampleRuns : IDisposable
{
    public const string ChangedRowBefore = "P002,NXP2,juvenile,9.9,M,11582,";
    public const string ChangedRowAfter = "P002,NXP2,juvenile,9.9,M,50,";

    private readonly TempFolder _temp = new();

    public ExampleRuns()
    {
        Cache = _temp.Combine("cache");
        Cold = Run(RepositoryPaths.ExampleStudy, "cold");
        Warm = Run(RepositoryPaths.ExampleStudy, "warm");

        var changedStudy = _temp.CopyExample("changed-study");
        var subjects = Path.Combine(Path.GetDirectoryName(changedStudy)!, "data", "subjects.csv");
        var text = File.ReadAllText(subjects);
        if (!text.Contains(ChangedRowBefore, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The example data no longer has the row this test changes.");
        }

        File.WriteAllText(subjects, text.Replace(ChangedRowBefore, ChangedRowAfter, StringComparison.Ordinal));
        Changed = Run(changedStudy, "changed");
    }

    public string Cache { get; }

    public RunRecord Cold { get; }

    public RunRecord Warm { get; }

    public RunRecord Changed { get; }

    public void Dispose() => _temp.Dispose();

    private RunRecord Run(string study, string name)
    {
        var captured = new CapturedOutput();
        var outDir = _temp.Combine("out-" + name);
        var exit = RunCommand.Execute(new RunRequest(study, outDir, "md,html,json,docx", Cache), captured.Output);
        return new RunRecord(exit, outDir, captured.Out.ToString(), captured.Error.ToString());
    }
}

public sealed record RunRecord(int Exit, string OutputDirectory, string Out, string Error);
