using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Named group sets (<c>groups arm { treat "Treatment": ...  control "Control": ... }</c>) as categorical factors over the
/// analysed subjects. Unlike the study's groups they do not decide who is analysed: a subject in none of a set's groups is
/// missing for that factor.
/// </summary>
public static class GroupSets
{
    /// <summary>
    /// The factor of one set: levels are the groups' names, level labels their labels. A subject whose data match two or
    /// more groups fails the run with PL4020 (every such subject listed), or, with <paramref name="excludeOverlapping"/>
    /// (<c>on_overlap exclude</c>), is missing for the factor; analyses count it with the other missing values.
    /// </summary>
    /// <param name="source">The subject table's file as the study names it, for the problem lines.</param>
    /// <param name="keyColumn">The subject table's key column; null for a keyless table (its row number is the key).</param>
    /// <param name="sourceRow">The 1-based data row of a subject in <paramref name="source"/>.</param>
    public static CategoricalVariable Categorical<TRow>(Cohort<TRow> cohort, string name, string source, string? keyColumn,
        Func<TRow, int> sourceRow, IReadOnlyList<GroupDefinition<TRow>> groups, bool excludeOverlapping)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(sourceRow);
        ArgumentNullException.ThrowIfNull(groups);
        var levels = new string[groups.Count];
        var labels = new string[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            levels[g] = groups[g].Name;
            labels[g] = groups[g].Label;
        }

        var codes = new int[cohort.Rows.Count];
        var problems = new List<DataProblem>();
        var matched = new List<string>();
        var overlapping = new List<SubjectNote>();
        int overlappingCount = 0;
        var groupN = new int[groups.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            matched.Clear();
            int level = -1;
            for (int g = 0; g < groups.Count; g++)
            {
                if (groups[g].Predicate(cohort.Rows[i]) == true)
                {
                    matched.Add(groups[g].Name);
                    level = g;
                }
            }

            if (matched.Count > 1)
            {
                level = -1;
                overlappingCount++;
                if (overlapping.Count < StudyRun.SubjectNoteLimit)
                {
                    overlapping.Add(new SubjectNote(sourceRow(cohort.Rows[i]), cohort.Keys[i], matched.ToArray()));
                }

                if (!excludeOverlapping)
                {
                    problems.Add(new DataProblem(DataProblemCodes.OverlappingGroups, source, sourceRow(cohort.Rows[i]), keyColumn,
                        string.Create(CultureInfo.InvariantCulture, $"subject '{cohort.Keys[i]}' is in more than one group of set '{name}': {string.Join(", ", matched)}")));
                }
            }

            codes[i] = level; // -1: missing for this factor
            if (level >= 0)
            {
                groupN[level]++;
            }
        }

        if (problems.Count > 0)
        {
            throw new StudyDataException(
                string.Create(CultureInfo.InvariantCulture, $"{problems.Count} subject(s) are in more than one group of set '{name}' (on_overlap fail)."),
                problems, problems.Count, Array.Empty<StudyDiagnostic>(), null);
        }

        // Excluded subjects stay analysed (missing for this factor only): the subject flow lists them on their own line.
        int inNone = codes.Length - overlappingCount - groupN.Sum();
        var flow = new GroupSetFlow(name, codes.Length, groups.Select((g, k) => new GroupCount(g.Name, g.Label, groupN[k])).ToArray(),
            inNone, overlappingCount, overlapping);
        int built = cohort.GroupSetFlows.FindIndex(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (built >= 0)
        {
            cohort.GroupSetFlows[built] = flow; // the same set built twice has the same flow
        }
        else
        {
            cohort.GroupSetFlows.Add(flow);
        }

        return new CategoricalVariable(cohort, name, name, levels, labels, codes);
    }
}
