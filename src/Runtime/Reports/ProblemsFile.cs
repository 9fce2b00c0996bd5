using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// <c>problems.txt</c> in the report folder: every data problem of the last run, one per line as the console
/// prints them, and the study's warnings. Written by every run, also one that stops on its data (then it is the
/// only output written), so it never describes an earlier run.
/// </summary>
public static class ProblemsFile
{
    public const string FileName = "problems.txt";

    /// <param name="reason">Why the run stopped, or null when it completed.</param>
    /// <returns>The path written.</returns>
    public static string Write(string outputDirectory, StudySchema schema, string? reason, IReadOnlyList<DataProblem> problems,
        int problemCount, IReadOnlyList<StudyDiagnostic> warnings)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Data problems of study {schema.Name} ({schema.StudyFileName}, SHA-256 {schema.StudySha256})\n");
        text.Append(reason is null ? "The run completed.\n" : "The run stopped: " + reason + "\n");
        text.Append(CultureInfo.InvariantCulture, $"{StudyDataException.Plural(problemCount, "problem")}")
            .Append(problemCount > problems.Count ? string.Create(CultureInfo.InvariantCulture, $"; the first {problems.Count} are listed") : string.Empty)
            .Append(problemCount == 0 ? ".\n" : ":\n");
        foreach (var problem in problems)
        {
            text.Append(problem.ToString()).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"{StudyDataException.Plural(warnings.Count, "study warning")}{(warnings.Count == 0 ? "." : ":")}\n");
        foreach (var warning in warnings)
        {
            text.Append(warning.ToString()).Append('\n');
        }

        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, FileName);
        IO.AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }
}
