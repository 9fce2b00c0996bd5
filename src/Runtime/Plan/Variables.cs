using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Builds variables from typed rows: each lambda runs once per analysed subject (or kept child
/// row), in order, into a column. Null becomes NaN (numbers) or -1 (codes). A number that is not
/// finite (a derive divided by zero, took the log or square root of a value out of its domain, or
/// overflowed) is missing too, and counted in <see cref="Variable.NotFiniteCount"/> so every analysis
/// of the variable can say how many rows it lost that way (PL5050).
/// </summary>
public static partial class Variables
{
    public static ContinuousVariable Continuous<TRow>(Cohort<TRow> c, string name, string label, string? unit, Summary summary, Func<TRow, double?> value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        double[] values = Numbers(c.Rows, value, out int[] notFinite);
        return new ContinuousVariable(c, name, label, unit, summary, values) { NotFiniteRowArray = notFinite };
    }

    /// <summary>
    /// A number column of a column-wise cohort (<see cref="StudyRun.Cohort(Data.DataTable, Func{int, string}, IReadOnlyList{Criterion{int}}, IReadOnlyList{GroupDefinition{int}})"/>)
    /// as it is: when every row is analysed the variable holds the table's own array (read only, not a copy: at 10^7
    /// subjects 80 MB a column), else the analysed rows' values. The same values as <c>Continuous(c, ..., r => column[r])</c>.
    /// </summary>
    public static ContinuousVariable Continuous(Cohort<int> c, string name, string label, string? unit, Summary summary, Data.NumberValues column)
    {
        ArgumentNullException.ThrowIfNull(c);
        int[] rows = c.Rows as int[] ?? c.Rows.ToArray();
        if (column.CompactArray is { } stored && stored.Length == rows.Length && AllFiniteOrNaN(stored))
        {
            // The cohort's rows are ascending distinct row indices: as many as the table's rows means all of them, in order.
            return new ContinuousVariable(c, name, label, unit, summary, stored) { NotFiniteRowArray = [] };
        }

        double[] values = Numbers(rows, r => column[r], out int[] notFinite);
        return new ContinuousVariable(c, name, label, unit, summary, values) { NotFiniteRowArray = notFinite };
    }

    /// <summary>True when no value is an infinity (a stored number column holds finite numbers and NaN for missing).</summary>
    private static bool AllFiniteOrNaN(double[] values)
    {
        foreach (double v in values)
        {
            if (double.IsInfinity(v))
            {
                return false;
            }
        }

        return true;
    }

    public static BinaryVariable Binary<TRow>(Cohort<TRow> c, string name, string label, Func<TRow, bool?> value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        var codes = new int[c.Rows.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = value(c.Rows[i]) switch { true => 1, false => 0, null => -1 };
        }

        return new BinaryVariable(c, name, label, codes);
    }

    public static CategoricalVariable Categorical<TRow>(Cohort<TRow> c, string name, string label, IReadOnlyList<string> levels, Func<TRow, int?> levelIndex)
        => Categorical(c, name, label, levels, levels, levelIndex);

    /// <summary>
    /// The study's groups as a factor named <c>group</c> (levels: group names; labels: group labels), so an analysis can
    /// cross them with other factors (<c>by group, sex</c>) or be repeated within them (<c>within group</c>).
    /// </summary>
    public static CategoricalVariable Groups(Cohort c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CategoricalVariable(c, "group", "Group", c.GroupNames, c.GroupLabels, c.GroupCodes.ToArray());
    }

    /// <summary>
    /// A categorical variable whose levels are shown by <paramref name="levelLabels"/> (one per level, same order):
    /// <c>category(1 "Male", 2 "Female")</c> gives levels 1, 2 and labels Male, Female.
    /// </summary>
    public static CategoricalVariable Categorical<TRow>(Cohort<TRow> c, string name, string label, IReadOnlyList<string> levels, IReadOnlyList<string> levelLabels, Func<TRow, int?> levelIndex)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(levelLabels);
        ArgumentNullException.ThrowIfNull(levelIndex);
        if (levelLabels.Count != levels.Count)
        {
            throw new ArgumentException($"Variable '{name}' has {levels.Count} levels but {levelLabels.Count} level labels.", nameof(levelLabels));
        }

        var codes = new int[c.Rows.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            int? level = levelIndex(c.Rows[i]);
            if (level is { } l && (l < 0 || l >= levels.Count))
            {
                throw new ArgumentOutOfRangeException(nameof(levelIndex), l, $"Variable '{name}' has {levels.Count} levels; a row gave level index {l}.");
            }

            codes[i] = level ?? -1;
        }

        return new CategoricalVariable(c, name, label, levels, levelLabels, codes);
    }

    public static CountVariable Count<TRow>(Cohort<TRow> c, string name, string label, Func<TRow, double?> value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        double[] values = Numbers(c.Rows, value, out int[] notFinite);
        return new CountVariable(c, name, label, values) { NotFiniteRowArray = notFinite };
    }

    public static TimeToEventVariable TimeToEvent<TRow>(Cohort<TRow> c, string name, string label, string? unit, double? horizon, Func<TRow, double?> time, Func<TRow, bool?> @event)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(@event);
        var events = new int[c.Rows.Count];
        double[] times = Numbers(c.Rows, time, out int[] notFinite);
        ReadOnlySpan<TRow> rows = c.Rows is TRow[] array ? array : c.Rows.ToArray();
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = @event(rows[i]) switch { true => 1, false => 0, null => -1 };

            // Administrative censoring at the declared horizon, once, so every survival analysis
            // (Kaplan-Meier, log-rank, Cox) sees the same follow-up: an event after the horizon is
            // censored at it.
            if (horizon is { } h && times[i] > h)
            {
                times[i] = h;
                events[i] = events[i] < 0 ? events[i] : 0;
            }
        }

        return new TimeToEventVariable(c, name, label, unit, horizon, times, events) { NotFiniteRowArray = notFinite };
    }

    public static RepeatedVariable Repeated<TChild>(ChildRows<TChild> rows, string name, string label, string? unit, string timeName, Func<TChild, double?> value, Func<TChild, double?> time)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(time);
        double[] values = Numbers(rows.Rows, value, out int[] notFiniteValues);
        double[] times = Numbers(rows.Rows, time, out int[] notFiniteTimes);
        return new RepeatedVariable(rows.Cohort, rows.Table, name, label, unit, timeName, values, times, rows.SubjectIndexArray)
        {
            Source = rows.Source,
            SourceRowArray = rows.SourceRowArray,
            NotFiniteRowArray = NotFiniteRows(notFiniteValues, notFiniteTimes),
        };
    }

    /// <param name="notFinite">The positions of the rows whose number was not finite, ascending.</param>
    internal static double[] Numbers<TRow>(IReadOnlyList<TRow> rows, Func<TRow, double?> value, out int[] notFinite)
    {
        // A cohort's rows are an array: read it as one (no interface call per row; a column of 10^6 subjects is built per variable).
        ReadOnlySpan<TRow> array = rows is TRow[] a ? a : rows.ToArray();
        var values = new double[array.Length];
        List<int>? bad = null;
        for (int i = 0; i < values.Length; i++)
        {
            double? v = value(array[i]);
            if (v is { } x && !double.IsFinite(x))
            {
                (bad ??= []).Add(i);
                values[i] = double.NaN;
                continue;
            }

            values[i] = v ?? double.NaN;
        }

        notFinite = bad?.ToArray() ?? [];
        return values;
    }

    /// <summary>A repeated variable's non-finite rows: those of its values, then those of its times, sorted (a row may appear twice).</summary>
    internal static int[] NotFiniteRows(int[] values, int[] times)
    {
        int[] rows = [.. values, .. times];
        Array.Sort(rows);
        return rows;
    }
}
