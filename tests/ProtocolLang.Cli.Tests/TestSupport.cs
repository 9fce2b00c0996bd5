using System;
using System.IO;

namespace ProtocolLang.Cli.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ExampleStudy => Combine("examples", "Nxp2Jdm", "nxp2_jdm.study");

    /// <summary>How many analyses the example study declares, as its committed results record them.</summary>
    public static int ExampleAnalysisCount()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Combine("examples", "Nxp2Jdm", "report", "results.json")));
        return json.RootElement.GetProperty("analyses").GetArrayLength();
    }

    /// <summary>The first 12 hex digits of a file's SHA-256, as <c>status</c> shows them.</summary>
    public static string ShortSha256(params string[] parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Combine(parts))))[..12];

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

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protocollang-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies the example's .study file and data (not its report) into <paramref name="name"/>.</summary>
    public string CopyExample(string name)
    {
        var target = Combine(name);
        var source = RepositoryPaths.Combine("examples", "Nxp2Jdm");
        Directory.CreateDirectory(System.IO.Path.Combine(target, "data"));
        File.Copy(System.IO.Path.Combine(source, "nxp2_jdm.study"), System.IO.Path.Combine(target, "nxp2_jdm.study"));
        foreach (var csv in Directory.GetFiles(System.IO.Path.Combine(source, "data"), "*.csv"))
        {
            File.Copy(csv, System.IO.Path.Combine(target, "data", System.IO.Path.GetFileName(csv)));
        }

        return System.IO.Path.Combine(target, "nxp2_jdm.study");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A command's output captured in memory; no progress display.</summary>
internal sealed class CapturedOutput
{
    public StringWriter Out { get; } = new() { NewLine = "\n" };

    public StringWriter Error { get; } = new() { NewLine = "\n" };

    public CliOutput Output => new(Out, Error, ShowProgress: false);
}
