using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Groups a child table's rows by subject for the subject-level aggregates of a study.</summary>
public static class ChildAggregates
{
    /// <summary>
    /// Links each child row to its subject by key (rows whose link matches no subject are left out) and keeps
    /// each subject's rows in file order. O(subjects + rows).
    /// </summary>
    public static ChildRowsBySubject<TChild> Group<TSubject, TChild>(
        IReadOnlyList<TSubject> subjects,
        Func<TSubject, string> key,
        IReadOnlyList<TChild> rows,
        Func<TChild, string> link)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(link);

        var index = new Dictionary<string, int>(subjects.Count, StringComparer.Ordinal);
        for (var s = 0; s < subjects.Count; s++)
        {
            index.TryAdd(key(subjects[s]), s);
        }

        // Counting sort by subject (stable, so file order is kept within a subject): a CSR layout.
        var subjectOf = new int[rows.Count];
        var start = new int[subjects.Count + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            subjectOf[r] = index.TryGetValue(link(rows[r]), out var s) ? s : -1;
            if (subjectOf[r] >= 0)
            {
                start[subjectOf[r] + 1]++;
            }
        }

        for (var s = 0; s < subjects.Count; s++)
        {
            start[s + 1] += start[s];
        }

        var order = new int[start[subjects.Count]];
        var next = (int[])start.Clone();
        for (var r = 0; r < rows.Count; r++)
        {
            if (subjectOf[r] >= 0)
            {
                order[next[subjectOf[r]]++] = r;
            }
        }

        return new ChildRowsBySubject<TChild>(rows, start, order);
    }
}

/// <summary>
/// One child table's rows per subject, and the aggregates of <c>.study</c> derives over them. Each aggregate
/// is one pass over the rows and returns one value per subject, parallel to the subjects it was grouped by.
/// </summary>
/// <remarks>
/// Semantics (docs/language.md, "Child-table aggregates"): <c>where</c> keeps the rows it is true for (false
/// or missing: left out, as R's <c>subset</c>). A subject with no rows left gives missing, except
/// <c>count</c>, which gives 0 (R gives <c>sum(numeric(0)) = 0</c> and <c>any(logical(0)) = FALSE</c>; an
/// empty summary is missing here so that "no visits" is never read as "a score of 0"). A missing value
/// among the rows makes <c>min</c>, <c>max</c>, <c>mean</c> and <c>sum</c> missing, as R's default
/// <c>na.rm = FALSE</c>; write <c>where x is not missing</c> to skip them, which is then said in the protocol.
/// <c>any</c>/<c>all</c> are three-valued like R's (<c>any(c(NA, TRUE))</c> is TRUE, <c>any(c(NA, FALSE))</c> NA).
/// <c>first</c>/<c>last</c> take the row with the smallest/largest time; ties keep file order (the first/last
/// of the tied rows in the file, as after a stable sort); a kept row with a missing time makes the result
/// missing, since its place in the order is unknown. Non-finite numbers count as missing, as in <see cref="Fn"/>.
/// </remarks>
public sealed class ChildRowsBySubject<TChild>
{
    private readonly IReadOnlyList<TChild> _rows;
    private readonly int[] _start;
    private readonly int[] _order;

    internal ChildRowsBySubject(IReadOnlyList<TChild> rows, int[] start, int[] order)
    {
        _rows = rows;
        _start = start;
        _order = order;
    }

    /// <summary>The number of subjects.</summary>
    public int SubjectCount => _start.Length - 1;

    /// <summary>How many child rows subject <paramref name="subject"/> has (before any <c>where</c>).</summary>
    public int RowCount(int subject) => _start[subject + 1] - _start[subject];

    public T?[] First<T>(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, T?> value)
        where T : struct => Ordered(time, where, value, last: false);

    public T?[] Last<T>(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, T?> value)
        where T : struct => Ordered(time, where, value, last: true);

    public string?[] FirstText(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, string?> value) =>
        OrderedText(time, where, value, last: false);

    public string?[] LastText(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, string?> value) =>
        OrderedText(time, where, value, last: true);

    public double?[] Min(Func<TChild, bool?>? where, Func<TChild, double?> value) => Fold(where, value, Math.Min, finish: (acc, _) => acc);

    public double?[] Max(Func<TChild, bool?>? where, Func<TChild, double?> value) => Fold(where, value, Math.Max, finish: (acc, _) => acc);

    public double?[] Sum(Func<TChild, bool?>? where, Func<TChild, double?> value) => Fold(where, value, (a, b) => a + b, finish: (acc, _) => acc);

    public double?[] Mean(Func<TChild, bool?>? where, Func<TChild, double?> value) => Fold(where, value, (a, b) => a + b, finish: (acc, n) => acc / n);

    /// <summary>The rows <paramref name="where"/> is true for (all rows when null); 0 for a subject without rows.</summary>
    public long?[] Count(Func<TChild, bool?>? where)
    {
        var result = new long?[SubjectCount];
        for (var s = 0; s < result.Length; s++)
        {
            long n = 0;
            for (var k = _start[s]; k < _start[s + 1]; k++)
            {
                if (Kept(where, _rows[_order[k]]))
                {
                    n++;
                }
            }

            result[s] = n;
        }

        return result;
    }

    public bool?[] Any(Func<TChild, bool?>? where, Func<TChild, bool?> value) => Logical(where, value, decisive: true);

    public bool?[] All(Func<TChild, bool?>? where, Func<TChild, bool?> value) => Logical(where, value, decisive: false);

    private static bool Kept(Func<TChild, bool?>? where, TChild row) => where is null || where(row) == true;

    private static bool IsMissing(double? value) => value is not { } v || !double.IsFinite(v);

    private static bool IsMissing<T>(T? value)
        where T : struct => value is not { } v || (v is double d && !double.IsFinite(d));

    /// <summary>The kept row with the smallest (or, with <paramref name="last"/>, largest) time; -1 when none; -2 when a kept time is missing.</summary>
    private int Pick(int subject, Func<TChild, double?> time, Func<TChild, bool?>? where, bool last)
    {
        var best = -1;
        var bestTime = 0.0;
        for (var k = _start[subject]; k < _start[subject + 1]; k++)
        {
            var row = _order[k];
            if (!Kept(where, _rows[row]))
            {
                continue;
            }

            var t = time(_rows[row]);
            if (IsMissing(t))
            {
                return -2;
            }

            // Rows are in file order: '<' keeps the first of tied rows, '>=' the last.
            if (best < 0 || (last ? t!.Value >= bestTime : t!.Value < bestTime))
            {
                best = row;
                bestTime = t!.Value;
            }
        }

        return best;
    }

    private T?[] Ordered<T>(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, T?> value, bool last)
        where T : struct
    {
        var result = new T?[SubjectCount];
        for (var s = 0; s < result.Length; s++)
        {
            var row = Pick(s, time, where, last);
            if (row >= 0)
            {
                var v = value(_rows[row]);
                result[s] = IsMissing(v) ? null : v;
            }
        }

        return result;
    }

    private string?[] OrderedText(Func<TChild, double?> time, Func<TChild, bool?>? where, Func<TChild, string?> value, bool last)
    {
        var result = new string?[SubjectCount];
        for (var s = 0; s < result.Length; s++)
        {
            var row = Pick(s, time, where, last);
            result[s] = row >= 0 ? value(_rows[row]) : null;
        }

        return result;
    }

    private double?[] Fold(Func<TChild, bool?>? where, Func<TChild, double?> value, Func<double, double, double> step, Func<double, int, double> finish)
    {
        var result = new double?[SubjectCount];
        for (var s = 0; s < result.Length; s++)
        {
            var n = 0;
            var acc = 0.0;
            var missing = false;
            for (var k = _start[s]; k < _start[s + 1] && !missing; k++)
            {
                var row = _rows[_order[k]];
                if (!Kept(where, row))
                {
                    continue;
                }

                var v = value(row);
                if (IsMissing(v))
                {
                    missing = true;
                    continue;
                }

                acc = n == 0 ? v!.Value : step(acc, v!.Value);
                n++;
            }

            var r = missing || n == 0 ? (double?)null : finish(acc, n);
            result[s] = r is { } x && double.IsFinite(x) ? x : null;
        }

        return result;
    }

    /// <summary>Kleene logic over the kept rows: one <paramref name="decisive"/> value decides; else a missing one makes it missing.</summary>
    private bool?[] Logical(Func<TChild, bool?>? where, Func<TChild, bool?> value, bool decisive)
    {
        var result = new bool?[SubjectCount];
        for (var s = 0; s < result.Length; s++)
        {
            var n = 0;
            var missing = false;
            var decided = false;
            for (var k = _start[s]; k < _start[s + 1] && !decided; k++)
            {
                var row = _rows[_order[k]];
                if (!Kept(where, row))
                {
                    continue;
                }

                n++;
                var v = value(row);
                if (v is null)
                {
                    missing = true;
                }
                else if (v.Value == decisive)
                {
                    decided = true;
                }
            }

            result[s] = n == 0 ? null : decided ? decisive : missing ? null : !decisive;
        }

        return result;
    }
}
