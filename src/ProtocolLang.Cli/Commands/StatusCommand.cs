using System.CommandLine;
using System.IO;
using System.Text.Json;
using ProtocolLang.Cli.Diff;
using ProtocolLang.Cli.Status;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// <c>protocollang status DIR|results.json [--study FILE]</c>: whether a report is stale, i.e. whether the
/// study file or a data file no longer has the SHA-256 its results.json records. Exit 0 current, 1 stale,
/// 3 when the results or the study file cannot be found or read (the tool's usage code).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = "The report folder, or its results.json." };
        var study = new Option<string?>("--study", "-s")
        {
            Description = "The .study file (default: the file named in results.json, in the report folder or a folder above it).",
        };
        var command = new Command("status", "Tell whether a report is current: exit code 0 when its study and data files are unchanged, 1 when stale.") { results, study };
        command.SetAction(result => Execute(result.GetRequiredValue(results), result.GetValue(study), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string resultsPath, string? studyPath, CliOutput output)
    {
        var resultsFile = ResultsFiles.Locate(resultsPath);
        if (resultsFile is null)
        {
            output.Error.Write("protocollang: no results.json at " + resultsPath + "\n");
            return ExitCodes.Usage;
        }

        RecordedFiles recorded;
        try
        {
            recorded = RecordedFiles.Read(ResultsFiles.Read(resultsFile));
        }
        catch (JsonException e)
        {
            output.Error.Write("protocollang: " + resultsFile.Replace('\\', '/') + ": " + e.Message + "\n");
            return ExitCodes.Usage;
        }

        studyPath ??= FindStudy(resultsFile, recorded.Study.Path);
        if (studyPath is null)
        {
            output.Error.Write("protocollang: " + recorded.Study.Path + " not found in " + Path.GetDirectoryName(resultsFile)?.Replace('\\', '/')
                + " or a folder above it; pass --study FILE\n");
            return ExitCodes.Usage;
        }

        if (!File.Exists(studyPath))
        {
            output.Error.Write("protocollang: no such file: " + studyPath + "\n");
            return ExitCodes.Usage;
        }

        var report = Staleness.Check(recorded, studyPath);
        StatusWriter.Write(output.Out, report, resultsFile.Replace('\\', '/'), studyPath.Replace('\\', '/'));
        return report.IsStale ? ExitCodes.ErrorsOrChanges : ExitCodes.Success;
    }

    /// <summary>The default report folder is inside the study folder, so look in the results' folder and each one above it.</summary>
    private static string? FindStudy(string resultsFile, string studyFileName)
    {
        for (var directory = new FileInfo(resultsFile).Directory; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, studyFileName);
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        }

        return null;
    }
}
