using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The study data cannot be analysed: a file or column is missing, a row is invalid in a table whose policy is
/// <c>on_invalid fail</c> (the default), or a subject is in more than one group without <c>on_overlap exclude</c>.
/// The message says why, lists the problems one per line, where the problems file is, and the study's warnings.
/// </summary>
public sealed class StudyDataException : Exception
{
    public StudyDataException(IReadOnlyList<DataProblem> problems, int problemCount)
        : this(null, problems, problemCount, [], null)
    {
    }

    public StudyDataException(LoadedData data)
        : this(data.Problems, data.ProblemCount)
    {
    }

    /// <param name="reason">Why the run stops, e.g. "table 'subjects' has 2 invalid rows (on_invalid fail)"; null: the problems say.</param>
    /// <param name="warnings">The study's compiler warnings, listed after the problems so that a failed run shows them too.</param>
    /// <param name="problemsFile">Where every problem was written, if it was.</param>
    public StudyDataException(string? reason, IReadOnlyList<DataProblem> problems, int problemCount,
        IReadOnlyList<StudyDiagnostic> warnings, string? problemsFile)
        : base(FormatMessage(reason, problems, problemCount, warnings, problemsFile))
    {
        Reason = reason;
        Problems = problems;
        ProblemCount = problemCount;
        Warnings = warnings;
        ProblemsFile = problemsFile;
    }

    public string? Reason { get; }

    public IReadOnlyList<DataProblem> Problems { get; }

    public int ProblemCount { get; }

    public IReadOnlyList<StudyDiagnostic> Warnings { get; }

    /// <summary>The problems file written in the report folder, or null.</summary>
    public string? ProblemsFile { get; }

    /// <summary>
    /// A fatal problem stopped the run: a source does not match what the study declares or cannot be opened (a file,
    /// table or column that is not there, a column of another type, a server that cannot be reached or refuses the
    /// login). The tool exits 1 for these, as for other errors in the study, and 2 when the source matches but rows are
    /// invalid (issue 15's contract for engines, kept the same for files).
    /// </summary>
    public bool IsSourceMismatch => Problems.Any(p => p.IsFatal);

    private static string FormatMessage(string? reason, IReadOnlyList<DataProblem> problems, int problemCount,
        IReadOnlyList<StudyDiagnostic> warnings, string? problemsFile)
    {
        var fatal = problems.Count(p => p.IsFatal);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The study data cannot be analysed: {Plural(problemCount, "problem")}");
        text.Append(CultureInfo.InvariantCulture, $" ({fatal} fatal).");
        if (reason is not null)
        {
            text.Append(' ').Append(reason);
        }

        foreach (var problem in problems)
        {
            text.Append('\n').Append(problem.ToString());
        }

        if (problemCount > problems.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n... and {Plural(problemCount - problems.Count, "more problem")} not listed.");
        }

        if (problemsFile is not null)
        {
            text.Append("\nThe problems are listed in ").Append(problemsFile).Append('.');
        }

        foreach (var warning in warnings)
        {
            text.Append('\n').Append(warning.ToString());
        }

        return text.ToString();
    }

    internal static string Plural(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
