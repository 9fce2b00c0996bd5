using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace ProtocolLang.Fuzzing;

/// <summary>What one fuzz case did: an unhandled exception, a hang, diagnostics outside the file, and its time.</summary>
public sealed record FuzzOutcome(Exception? Exception, bool Hung, IReadOnlyList<string> SpanProblems, TimeSpan Elapsed, int Diagnostics, bool Generated = false);

/// <summary>
/// Runs parser, binder and emitter (<see cref="StudyCompiler.Compile"/>) on one text, on its own
/// thread with a 1 MiB stack (the smallest a host gives a compiler thread) and a time limit. A case
/// that overruns is reported as a hang and its thread is abandoned (a background thread, so it
/// does not keep the process alive).
/// </summary>
public static class FuzzCase
{
    public const int StackBytes = 1024 * 1024;

    public static FuzzOutcome Run(string text, TimeSpan timeout)
    {
        StudyCompilation? compilation = null;
        Exception? error = null;
        var watch = new Stopwatch();
        var thread = new Thread(
            () =>
            {
                watch.Start();
                try
                {
                    compilation = StudyCompiler.Compile("fuzz.study", text);
                    _ = compilation.Diagnostics.Length > 0 ? compilation.Diagnostics[0].ToString() : string.Empty;
                }
                catch (Exception e)
                {
                    error = e;
                }

                watch.Stop();
            },
            StackBytes)
        { IsBackground = true };
        thread.Start();
        if (!thread.Join(timeout))
        {
            return new FuzzOutcome(null, true, [], timeout, 0);
        }

        var problems = compilation is null ? [] : SpanProblems(text, compilation);
        return new FuzzOutcome(error, false, problems, watch.Elapsed, compilation?.Diagnostics.Length ?? 0, compilation?.GeneratedSource is not null);
    }

    /// <summary>Every diagnostic's span lies inside the text, and its line/column agree with its offsets.</summary>
    public static List<string> SpanProblems(string text, StudyCompilation compilation)
    {
        var problems = new List<string>();
        foreach (var diagnostic in compilation.Diagnostics)
        {
            var location = diagnostic.Location;
            var span = location.Span;
            if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
            {
                problems.Add($"{diagnostic.Id} span [{span.Start}, {span.End}) outside a text of {text.Length}");
                continue;
            }

            var start = compilation.Source.GetLinePosition(span.Start);
            var end = compilation.Source.GetLinePosition(span.End);
            if (!location.LineSpan.Start.Equals(start) || !location.LineSpan.End.Equals(end))
            {
                problems.Add($"{diagnostic.Id} line span {location.LineSpan} does not match offsets [{span.Start}, {span.End})");
            }
        }

        return problems;
    }
}
