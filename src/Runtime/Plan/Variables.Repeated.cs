using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

public static partial class Variables
{
    /// <summary>
    /// A repeated outcome over a subset of the child rows (<c>outcome CKLater: repeated visits.ck over month where month > 0</c>):
    /// a row is in when <paramref name="where"/> is true; false or missing leaves it out of this variable, counted in
    /// <see cref="RepeatedVariable.LeftOutByWhere"/> (every analysis of the variable says how many). Null = every row.
    /// </summary>
    /// <param name="whereText">The <c>.study</c> text of the subset, for results and the report; null when <paramref name="where"/> is.</param>
    public static RepeatedVariable Repeated<TChild>(ChildRows<TChild> rows, string name, string label, string? unit, string timeName,
        Func<TChild, double?> value, Func<TChild, double?> time, Func<TChild, bool?>? where, string? whereText = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(time);
        if (where is null)
        {
            return Repeated(rows, name, label, unit, timeName, value, time);
        }

        var kept = new List<TChild>(rows.Rows.Count);
        var subjects = new List<int>(rows.Rows.Count);
        var sourceRows = new List<int>(rows.Rows.Count);
        var leftOutSubjects = new List<int>();
        ReadOnlySpan<int> subjectIndex = rows.SubjectIndex;
        for (int r = 0; r < rows.Rows.Count; r++)
        {
            if (where(rows.Rows[r]) == true)
            {
                kept.Add(rows.Rows[r]);
                subjects.Add(subjectIndex[r]);
                if (rows.SourceRowArray.Length > 0)
                {
                    sourceRows.Add(rows.SourceRowArray[r]);
                }
            }
            else
            {
                leftOutSubjects.Add(subjectIndex[r]);
            }
        }

        double[] values = Numbers(kept, value, out int[] notFiniteValues);
        double[] times = Numbers(kept, time, out int[] notFiniteTimes);
        return new RepeatedVariable(rows.Cohort, rows.Table, name, label, unit, timeName, values, times, subjects.ToArray())
        {
            NotFiniteRowArray = NotFiniteRows(notFiniteValues, notFiniteTimes),
            WhereText = whereText,
            Source = rows.Source,
            SourceRowArray = sourceRows.ToArray(),
            LeftOutByWhere = rows.Rows.Count - kept.Count,
            LeftOutByWhereSubjectArray = leftOutSubjects.ToArray(),
        };
    }
}
