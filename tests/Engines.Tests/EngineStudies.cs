using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtocolLang.Cli;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Engines.Tests;

/// <summary>One run of <c>protocollang run</c>: its exit code, output folder and console text.</summary>
internal sealed record RunRecord(int Exit, string OutputDirectory, string Out, string Error)
{
    /// <summary>The console and every file the run wrote, as text (for "this secret appears nowhere").</summary>
    public string EverythingWritten() =>
        Out + "\n" + Error + "\n" + string.Join("\n", (Directory.Exists(OutputDirectory)
            ? Directory.GetFiles(OutputDirectory, "*", SearchOption.AllDirectories)
            : []).Select(f => f + "\n" + File.ReadAllText(f)));

    public JsonDocument Results() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OutputDirectory, "results.json")));
}

/// <summary>Copies of the example study in a temporary folder, run through the CLI's run command (compiled once per study text).</summary>
internal sealed class EngineStudies : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "protocollang-engines-tests", Guid.NewGuid().ToString("N"));

    public EngineStudies() => Directory.CreateDirectory(_root);

    public static string RepositoryRoot { get; } = FindRoot();

    public string Cache => Path.Combine(_root, "cache");

    /// <summary>The example's .study file and CSVs copied into <paramref name="name"/>; returns the .study path.</summary>
    public string CopyExample(string name)
    {
        var target = Path.Combine(_root, name);
        var source = Path.Combine(RepositoryRoot, "examples", "Nxp2Jdm");
        Directory.CreateDirectory(Path.Combine(target, "data"));
        File.Copy(Path.Combine(source, "nxp2_jdm.study"), Path.Combine(target, "nxp2_jdm.study"));
        foreach (var csv in Directory.GetFiles(Path.Combine(source, "data"), "*.csv"))
        {
            File.Copy(csv, Path.Combine(target, "data", Path.GetFileName(csv)));
        }

        return Path.Combine(target, "nxp2_jdm.study");
    }

    /// <summary>The example with its two tables read from <paramref name="subjects"/> and <paramref name="visits"/>
    /// (whole <c>from</c> sources, e.g. <c>postgres "ci" table "public.subjects"</c>); its CSVs are deleted.</summary>
    public string ExampleFrom(string name, string subjects, string visits, string? connections)
    {
        var study = CopyExample(name);
        var text = File.ReadAllText(study);
        foreach (var (csv, replacement) in new[] { ("\"data/subjects.csv\"", subjects), ("\"data/visits.csv\"", visits) })
        {
            Assert.True(text.Contains("from " + csv, StringComparison.Ordinal), "the example study no longer reads " + csv);
            text = text.Replace("from " + csv, "from " + replacement, StringComparison.Ordinal);
        }

        File.WriteAllText(study, text);
        var folder = Path.GetDirectoryName(study)!;
        Directory.Delete(Path.Combine(folder, "data"), recursive: true);
        if (connections is not null)
        {
            File.WriteAllText(Path.Combine(folder, "protocollang.connections.json"), connections);
        }

        return study;
    }

    /// <summary>A connections file holding one entry.</summary>
    /// <summary>
    /// The example's subject table as the engine tests declare it, read from <paramref name="from"/> (a whole source:
    /// a CSV path in quotes, or <c>postgres "ci" table "public.subjects"</c>); <paramref name="sexLevel"/> is sex's first level.
    /// </summary>
    public static string SubjectTable(string from, string sexLevel = "F") => $$"""
          table subjects from {{from}} key id {
            id: text
            antibody: category(NXP2, MDA5, TIF1g) optional
            onset: category(juvenile, adult)
            age: number range 0..100
            sex: category({{sexLevel}}, M)
            ck: number range 0..
            cmas: number range 0..52 optional
            mas: bool
            myocardial: bool
            dysphagia: bool
            calcinosis: bool
            relapse_months: number range 0.. optional
            relapsed: bool
          }
        """;

    public static string ConnectionsFile(string name, string connectionString) =>
        new JsonObject { [name] = connectionString }.ToJsonString();

    public RunRecord Run(string study, string name)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var outDir = Path.Combine(_root, "out-" + name);
        var exit = RunCommand.Execute(new RunRequest(study, outDir, "md,json", Cache), new CliOutput(output, error, ShowProgress: false));
        return new RunRecord(exit, outDir, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolLang.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ProtocolLang.sln not found above " + AppContext.BaseDirectory);
    }
}
