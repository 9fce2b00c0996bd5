using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ProtocolLang.Runtime.Data;

/// <summary>The study data cannot be analysed. The message lists the problems, one per line.</summary>
public sealed class StudyDataException : Exception
{
    public StudyDataException(IReadOnlyList<DataProblem> problems, int problemCount)
        : base(FormatMessage(problems, problemCount))
    {
        Problems = problems;
        ProblemCount = problemCount;
    }

    public StudyDataException(LoadedData data)
        : this(data.Problems, data.ProblemCount)
    {
    }

    public IReadOnlyList<DataProblem> Problems { get; }

    public int ProblemCount { get; }

    private static string FormatMessage(IReadOnlyList<DataProblem> problems, int problemCount)
    {
        var fatal = problems.Count(p => p.IsFatal);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The study data cannot be analysed: {Plural(problemCount, "problem")}");
        text.Append(CultureInfo.InvariantCulture, $" ({fatal} fatal).");
        foreach (var problem in problems)
        {
            text.Append('\n').Append(problem.ToString());
        }

        if (problemCount > problems.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n... and {Plural(problemCount - problems.Count, "more problem")} not listed.");
        }

        return text.ToString();
    }

    private static string Plural(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
