using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>The subject flow with the populations and group sets defined on the cohort, each its own part; null before a cohort.</summary>
    private CohortFlow? CohortFlowWithSubsets()
    {
        if (_cohort?.Flow is not { } flow)
        {
            return null;
        }

        if (_populations.Count > 0)
        {
            flow = flow with { Populations = PopulationFlows() };
        }

        if (_cohort.Cohort.GroupSetFlows.Count > 0)
        {
            flow = flow with { GroupSets = _cohort.Cohort.GroupSetFlows.ToArray() };
        }

        return flow;
    }

    /// <summary>
    /// The cohort formed column-wise: each subject is its row index into <paramref name="subjects"/> (the loaded subject table),
    /// so the criteria, groups and variables read the table's column arrays at that index and no typed record is built.
    /// Otherwise as <see cref="Cohort{TRow}(IReadOnlyList{TRow}, Func{TRow, string}, Func{TRow, int}, IReadOnlyList{Criterion{TRow}}, IReadOnlyList{GroupDefinition{TRow}})"/>.
    /// </summary>
    public Cohort<int> Cohort(DataTable subjects, Func<int, string> key, IReadOnlyList<Criterion<int>> criteria, IReadOnlyList<GroupDefinition<int>> groups)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        int[] sourceRows = subjects.SourceRows;
        return Cohort(RowIndices(subjects), key, r => sourceRows[r], criteria, groups);
    }

    /// <summary>The child rows of <paramref name="table"/> whose subject is analysed, each its row index into the table (no records).</summary>
    public ChildRows<int> Children(DataTable table, Func<int, string> key, Cohort<int> cohort)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Children(table.Name, RowIndices(table), key, cohort);
    }

    /// <summary>0, 1, ..., RowCount - 1: the rows of a table as the "records" of a columnar cohort.</summary>
    private static int[] RowIndices(DataTable table)
    {
        var rows = new int[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return rows;
    }

    /// <summary>
    /// Applies the criteria in order to the valid subject rows (the first failing criterion is the
    /// reason), then classifies the remaining subjects into groups: none is "unassigned", more than
    /// one is "overlapping"; neither is analysed. Records the subject flow. Overlapping subjects stop the
    /// run (<see cref="StudyDataException"/>, every one listed) unless the schema says <c>on_overlap exclude</c>.
    /// </summary>
    public Cohort<TRow> Cohort<TRow>(IReadOnlyList<TRow> subjects, Func<TRow, string> key, Func<TRow, int> sourceRow,
        IReadOnlyList<Criterion<TRow>> criteria, IReadOnlyList<GroupDefinition<TRow>> groups)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sourceRow);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(groups);
        if (_cohort is not null)
        {
            throw new InvalidOperationException("The cohort of this run is already defined.");
        }

        // A study without a groups block analyses everyone, as one group "overall".
        bool overall = groups.Count == 0;
        if (overall)
        {
            groups = [new GroupDefinition<TRow>(OverallColumn, "Overall", _ => true)];
        }

        DataTable table = _data[_schema.Tables[0].Name];
        if (subjects.Count != table.RowCount)
        {
            throw new ArgumentException($"Table '{table.Name}' has {table.RowCount} valid rows but {subjects.Count} subjects were given.", nameof(subjects));
        }

        var excludedBy = new int[criteria.Count];
        var excludedMissing = new int[criteria.Count];
        var notAnalysedReason = new Dictionary<string, string>(StringComparer.Ordinal);
        var unassigned = new List<SubjectNote>();
        var overlapping = new List<SubjectNote>();
        int unassignedCount = 0;
        int overlappingCount = 0;
        // Sized for every subject (most are usually kept) and trimmed once: growing three lists by doubling copied them
        // ~twice over and, at 10^7 subjects, held the old and new arrays at once (docs/performance.md, Session 13).
        var keptRows = new TRow[subjects.Count];
        var keptCodes = new int[subjects.Count];
        int kept = 0;
        var groupN = new int[groups.Count];
        var matched = new List<int>(groups.Count);
        var overlapProblems = new List<DataProblem>();

        // A key is made only for a subject that is not analysed (its reason, its note); the analysed subjects' keys are
        // made on first use (CohortKeys): at 10^7 subjects one string per id was ~0.45 GB that most studies never read.
        foreach (TRow row in subjects)
        {
            int failed = FirstFailingCriterion(row, criteria, out bool missing);
            if (failed >= 0)
            {
                string id = key(row);
                excludedBy[failed]++;
                if (missing)
                {
                    excludedMissing[failed]++;
                }

                notAnalysedReason.TryAdd(id, CriterionReason(criteria[failed].Kind, criteria[failed].Label));
                continue;
            }

            matched.Clear();
            for (int g = 0; g < groups.Count; g++)
            {
                if (groups[g].Predicate(row) == true)
                {
                    matched.Add(g);
                }
            }

            if (matched.Count == 1)
            {
                groupN[matched[0]]++;
                keptRows[kept] = row;
                keptCodes[kept] = matched[0];
                kept++;
                continue;
            }

            string notAnalysedKey = key(row);
            bool none = matched.Count == 0;
            if (none)
            {
                unassignedCount++;
            }
            else
            {
                overlappingCount++;
            }

            if (!none && _schema.OnOverlap == DataPolicy.Fail && overlapProblems.Count < ProblemListLimit)
            {
                overlapProblems.Add(OverlapProblem(table, sourceRow(row), notAnalysedKey, matched.Select(g => groups[g].Name)));
            }

            List<SubjectNote> notes = none ? unassigned : overlapping;
            if (notes.Count < SubjectNoteLimit)
            {
                notes.Add(new SubjectNote(sourceRow(row), notAnalysedKey, matched.Select(g => groups[g].Name).ToArray()));
            }

            notAnalysedReason.TryAdd(notAnalysedKey, none ? "subject in no group" : "subject in more than one group");
        }

        if (overlappingCount > 0 && _schema.OnOverlap == DataPolicy.Fail)
        {
            string reason = $"{StudyDataException.Plural(overlappingCount, "subject")} of table '{table.Name}' "
                + $"{(overlappingCount == 1 ? "is" : "are")} in more than one group. Overlapping groups stop the run unless "
                + "the study declares 'groups on_overlap exclude {', which excludes those subjects and counts them in the subject flow.";
            var problems = _data.Problems.Concat(overlapProblems).ToList();
            throw DataFailure(reason, problems, _data.ProblemCount + overlappingCount);
        }

        int invalid = table.ExcludedRows.Count;
        var criterionFlows = new CriterionFlow[criteria.Count];
        int remaining = table.RowCount;
        for (int c = 0; c < criteria.Count; c++)
        {
            remaining -= excludedBy[c];
            criterionFlows[c] = new CriterionFlow(KindName(criteria[c].Kind), criteria[c].Label, excludedBy[c], excludedMissing[c], remaining);
        }

        var groupCounts = groups.Select((g, i) => new GroupCount(g.Name, g.Label, groupN[i])).ToArray();
        // Array.Resize returns at once when every subject was kept.
        Array.Resize(ref keptRows, kept);
        Array.Resize(ref keptCodes, kept);
        var flow = new CohortFlow(table.Name, table.RowsRead, invalid, criterionFlows, unassignedCount, overlappingCount, kept,
            groupCounts, unassigned, overlapping);
        CheckSubjectFlowAddsUp(flow);

        var cohort = new Cohort<TRow>(table.Name, groups.Select(g => g.Name).ToArray(), groups.Select(g => g.Label).ToArray(),
            keptRows, keptCodes, new CohortKeys<TRow>(keptRows, key))
        {
            IsOverall = overall,
        };
        _cohort = new CohortState(cohort, flow, notAnalysedReason);
        _analyses.Begin();
        return cohort;
    }

    /// <summary>
    /// Keeps the child rows whose subject is analysed, linked to it; the others are counted as
    /// excluded with the reason their subject is not analysed.
    /// </summary>
    public ChildRows<TChild> Children<TChild, TRow>(string table, IReadOnlyList<TChild> rows, Func<TChild, string> key, Cohort<TRow> cohort)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cohort);
        CohortState state = _cohort is { } s && ReferenceEquals(s.Cohort, cohort)
            ? s
            : throw new ArgumentException("The cohort does not belong to this run.", nameof(cohort));
        DataTable data = _data[table];
        if (rows.Count != data.RowCount)
        {
            throw new ArgumentException($"Table '{table}' has {data.RowCount} valid rows but {rows.Count} rows were given.", nameof(rows));
        }

        if (_childKept.ContainsKey(table))
        {
            throw new InvalidOperationException($"The child rows of table '{table}' are already defined.");
        }

        var kept = new List<TChild>();
        var subjectIndex = new List<int>();
        var sourceRows = new List<int>();
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < rows.Count; r++)
        {
            TChild row = rows[r];
            string id = key(row);
            int index = cohort.IndexOf(id);
            if (index >= 0)
            {
                kept.Add(row);
                subjectIndex.Add(index);
                sourceRows.Add(data.SourceRows[r]);
                continue;
            }

            string reason = state.NotAnalysedReason.TryGetValue(id, out string? why)
                ? why
                : $"subject not among the valid rows of '{cohort.Table}'";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        _childExclusions[table] = reasons.Select(r => new ExclusionCount("subject_not_analysed", r.Key, r.Value)).ToList();
        _childKept[table] = kept.Count;
        return new ChildRows<TChild>(table, cohort, kept.ToArray(), subjectIndex.ToArray())
        {
            Source = data.Schema.SourceLabel,
            SourceRowArray = sourceRows.ToArray(),
        };
    }

    private static DataProblem OverlapProblem(DataTable table, int row, string key, IEnumerable<string> groups) =>
        new(DataProblemCodes.OverlappingGroups, table.Schema.SourceLabel, row, table.Schema.Key,
            $"subject '{ValueExcerpt.Of(key)}' is in more than one group: {string.Join(", ", groups)}");

    private static int FirstFailingCriterion<TRow>(TRow row, IReadOnlyList<Criterion<TRow>> criteria, out bool missing)
    {
        for (int c = 0; c < criteria.Count; c++)
        {
            bool? value = criteria[c].Predicate(row);
            bool excluded = criteria[c].Kind == CriterionKind.Include ? value != true : value == true;
            if (excluded)
            {
                missing = value is null;
                return c;
            }
        }

        missing = false;
        return -1;
    }

    private static string KindName(CriterionKind kind) => kind == CriterionKind.Include ? "include" : "exclude";

    private static string CriterionReason(CriterionKind kind, string label) =>
        kind == CriterionKind.Include ? $"subject not included: {label}" : $"subject excluded: {label}";

    /// <summary>read = invalid + excluded per criterion + unassigned + overlapping + analysed; analysed = sum of group n.</summary>
    private static void CheckSubjectFlowAddsUp(CohortFlow flow)
    {
        int accounted = flow.InvalidRows + flow.Criteria.Sum(c => c.Excluded) + flow.Unassigned + flow.Overlapping + flow.Analysed;
        int grouped = flow.Groups.Sum(g => g.N);
        if (accounted != flow.RowsRead || grouped != flow.Analysed)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Bug: the subject flow of '{flow.Table}' does not add up: {flow.RowsRead} read, {accounted} accounted for, {flow.Analysed} analysed, {grouped} in groups."));
        }
    }

    private TableFlow BuildTableFlow(TableSchema schema)
    {
        if (InEngineMode)
        {
            return schema.LinkColumn is null ? EngineTableFlow(schema) : EngineChildFlow(schema);
        }

        DataTable table = _data[schema.Name];
        var excluded = table.ExcludedRows
            .GroupBy(r => (r.Code, r.Reason))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .Select(g => new ExclusionCount("invalid_row", g.Key.Reason, g.Count()) { Code = g.Key.Code.Length == 0 ? null : g.Key.Code })
            .ToList();
        int kept = table.RowCount;
        if (_cohort is { } cohort && string.Equals(cohort.Flow.Table, schema.Name, StringComparison.Ordinal))
        {
            CohortFlow flow = cohort.Flow;
            excluded.AddRange(flow.Criteria.Select(c => new ExclusionCount(c.Kind, c.Label, c.Excluded)));
            excluded.Add(new ExclusionCount("unassigned", "in no group", flow.Unassigned));
            excluded.Add(new ExclusionCount("overlapping", "in more than one group", flow.Overlapping));
            kept = flow.Analysed;
        }
        else if (_childExclusions.TryGetValue(schema.Name, out List<ExclusionCount>? childExcluded))
        {
            excluded.AddRange(childExcluded);
            kept = _childKept[schema.Name];
        }

        var result = new TableFlow(schema.Name, schema.SourceLabel.Replace('\\', '/'), table.RowsRead, excluded, kept);
        if (result.RowsRead != result.Excluded.Sum(e => e.Count) + result.Kept)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Bug: the flow of table '{schema.Name}' does not add up: {result.RowsRead} read, {result.Excluded.Sum(e => e.Count)} excluded, {result.Kept} kept."));
        }

        return result;
    }

    private sealed record CohortState(Cohort Cohort, CohortFlow Flow, IReadOnlyDictionary<string, string> NotAnalysedReason);
}
