using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Turns results into the report's view: the report shows only what results.json holds, in the paper's order
/// (see <c>ReportViewBuilder.Layout.cs</c>).
/// </summary>
public static partial class ReportViewBuilder
{
    public static ReportView Build(StudyResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        StudyIdentity study = results.Study;
        string title = study.Title ?? study.Name;
        var identityRows = new List<IReadOnlyList<string>>
        {
            Row("Study", Cell(study.Name) + (study.Version is null ? string.Empty : ", version " + Cell(study.Version))),
            Row("Protocol", Code(study.File) + ", SHA-256 " + Code(study.Sha256)),
            Row("Tool", Cell($"{results.Tool.Name} {results.Tool.Version}") + ", results schema " + Cell(results.SchemaVersion)),
            Row("Reports", string.Join(", ", results.Reports.Select(r => r.Status == ResultStatus.Ok
                ? $"{r.Format} ({Code(r.File ?? string.Empty)})"
                : $"{r.Format} (not implemented yet)"))),
        };
        var identity = new MarkdownTable(new[] { "Item", "Value" }, "|---|---|", identityRows);
        var files = new MarkdownTable(
            new[] { "Table", "File", "Rows read", "SHA-256" },
            "|---|---|--:|---|",
            results.DataFiles.Select(f => Row(Code(f.Table), Code(f.Path), F.Count(f.RowsRead), Code(f.Sha256))).ToArray());
        var labels = ReportLabels.Of(results);
        var view = new ReportView(
            Inline(title),
            identity,
            files,
            Problems(results.Problems),
            results.Flow.Tables.Select(t => Flow(t, results.Flow.Cohort)).ToArray(),
            results.Analyses.Select(a => Section(a, labels)).ToArray(),
            StalenessCheck)
        {
            Warnings = Warnings(results),
            DataSources = results.DataSources is { } sources
                ? new MarkdownTable(
                    new[] { "Table", "Source", "Rows read", "Query", "Read at (UTC)" },
                    "|---|---|--:|---|---|",
                    sources.SelectMany(DataSourceRows).ToArray())
                : null,
        };
        return Arrange(view, results, Figures.ReportFigures.Build(results));
    }

    /// <summary>
    /// A server table read into memory: one row with its query. A table computed in its engine (<c>compute in engine</c>):
    /// one row saying so, then one row per pushed-down query with its time.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> DataSourceRows(DataSourceResult s)
    {
        if (s.ComputedInEngine != true)
        {
            yield return Row(Code(s.Table), Code($"{s.Engine} \"{s.Connection}\" table \"{s.SourceTable}\""), F.Count(s.RowsRead), Code(s.Query), Cell(s.ReadAt));
            yield break;
        }

        var queries = s.Queries ?? [];
        yield return Row(Code(s.Table), Cell($"{s.Engine}, {s.Connection}: computed in the engine, no row read into memory"), F.Count(s.RowsRead),
            Cell(string.Create(CultureInfo.InvariantCulture, $"{queries.Count} queries of sufficient statistics, below")), Cell(s.ReadAt));
        for (int i = 0; i < queries.Count; i++)
        {
            yield return Row(string.Empty, Cell(string.Create(CultureInfo.InvariantCulture, $"query {i + 1}")), string.Empty, Code(queries[i].Text),
                Cell(string.Create(CultureInfo.InvariantCulture, $"{queries[i].Milliseconds:0.0} ms")));
        }
    }

    /// <summary>The study's compiler warnings, then the data warnings among the listed problems: every warning the run printed.</summary>
    private static IReadOnlyList<string> Warnings(StudyResults results)
    {
        var study = (results.Warnings ?? []).Select(w =>
            Code(string.Create(CultureInfo.InvariantCulture, $"{w.File}({w.Line},{w.Column})")) + " " + w.Code + ": " + Inline(w.Message));
        var data = results.Problems.Listed
            .Where(p => Data.DataProblemCodes.SeverityOf(p.Code) == Data.DataProblemSeverity.Warning)
            .Select(p => Code(p.File) + (p.Row > 0 ? string.Create(CultureInfo.InvariantCulture, $" row {p.Row}") : string.Empty)
                + " " + p.Code + ": " + Inline(p.Message));
        return study.Concat(data).ToArray();
    }

    /// <summary>
    /// The same for every run: a report must not depend on where it was written, so the folder is named
    /// in words rather than as a path.
    /// </summary>
    internal static readonly string StalenessCheck =
        "These results hold for the study and data files with the SHA-256 above. To check that they are still current, run "
        + InlineCode("protocollang status DIR") + " with DIR the folder of this report (exit code 0: current; 1: stale, with the files that changed).";

    private static ProblemsView? Problems(ProblemsResult problems)
    {
        if (problems.Count == 0)
        {
            return null;
        }

        const string Excluded = "Invalid rows were excluded (the study declares on_invalid exclude) and are counted by reason in the subject flow; "
            + "every problem is in problems.txt beside this report.";
        string summary = problems.Listed.Count == problems.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{problems.Count} data problem(s). {Excluded}")
            : string.Create(CultureInfo.InvariantCulture, $"{problems.Count} data problems; the first {problems.Listed.Count} are listed. {Excluded}");
        var table = new MarkdownTable(
            new[] { "Code", "File", "Row", "Column", "Problem" },
            "|---|---|--:|---|---|",
            problems.Listed.Select(p => Row(p.Code, Code(p.File), F.Count(p.Row), p.Column is null ? string.Empty : Code(p.Column), Cell(p.Message))).ToArray());
        return new ProblemsView(summary, table);
    }

    private static FlowView Flow(TableFlow table, CohortFlow? cohort)
    {
        bool isSubjects = cohort is not null && string.Equals(cohort.Table, table.Table, StringComparison.Ordinal);
        var steps = new List<IReadOnlyList<string>> { Row("Rows read", F.Count(table.RowsRead)) };
        foreach (ExclusionCount e in table.Excluded)
        {
            steps.Add(Row(Cell(ExclusionText(e, cohort)), F.Count(e.Count)));
        }

        steps.Add(Row(Bold(isSubjects ? "Analysed" : "Kept"), Bold(F.Count(table.Kept))));
        var stepsTable = new MarkdownTable(new[] { "Step", isSubjects ? "Subjects" : "Rows" }, "|---|--:|", steps);
        MarkdownTable? groups = null;
        var notes = new List<string>();
        if (isSubjects)
        {
            groups = new MarkdownTable(
                new[] { "Group", "Label", "n" },
                "|---|---|--:|",
                cohort!.Groups.Select(g => Row(Code(g.Name), Cell(g.Label), F.Count(g.N))).Append(GroupSumRow(cohort)).ToArray());
            notes.AddRange(SubjectNotes("In no group", cohort.Unassigned, cohort.UnassignedSubjects));
            notes.AddRange(SubjectNotes("In more than one group", cohort.Overlapping, cohort.OverlappingSubjects));
            foreach (GroupSetFlow set in cohort.GroupSets ?? [])
            {
                notes.AddRange(SubjectNotes($"In more than one group of set {InlineCode(set.Name)}", set.Overlapping, set.OverlappingSubjects,
                    "analysed, missing for the set"));
            }
        }

        return new FlowView($"Table {InlineCode(table.Table)} ({Inline(table.Source)})", stepsTable, groups, notes)
        {
            Populations = isSubjects && cohort!.Populations is { Count: > 0 } populations ? PopulationsTable(populations) : null,
            GroupSets = isSubjects && cohort!.GroupSets is { Count: > 0 } sets ? GroupSetsTable(sets) : null,
        };
    }

    /// <summary>
    /// Per group set: the analysed subjects, each group's n, those in none and those in more than one (on_overlap
    /// exclude, with the first few listed), which stay analysed but are missing for the set's factor; the rows add up.
    /// </summary>
    private static MarkdownTable GroupSetsTable(IReadOnlyList<GroupSetFlow> sets)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (GroupSetFlow set in sets)
        {
            rows.Add(Row(Code(set.Name), "Analysed", F.Count(set.Analysed)));
            foreach (GroupCount g in set.Groups)
            {
                rows.Add(Row(string.Empty, "In " + Code(g.Name) + " (" + Cell(g.Label) + ")", F.Count(g.N)));
            }

            rows.Add(Row(string.Empty, "Missing: in none of its groups", F.Count(set.InNone)));
            rows.Add(Row(string.Empty, "Missing: in more than one group (on_overlap exclude)", F.Count(set.Overlapping)));
        }

        return new MarkdownTable(new[] { "Group set", "Step", "Subjects" }, "|---|---|--:|", rows);
    }

    /// <summary>Per population: the analysed subjects, each condition's exclusions in order (the first not true is the reason), and who is in.</summary>
    private static MarkdownTable PopulationsTable(IReadOnlyList<PopulationFlow> populations)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (PopulationFlow p in populations)
        {
            rows.Add(Row(Code(p.Name) + " (" + Cell(p.Label) + ")", "Analysed", F.Count(p.Analysed)));
            foreach (PopulationConditionFlow c in p.Conditions)
            {
                string missing = c.ExcludedMissing > 0
                    ? string.Create(CultureInfo.InvariantCulture, $" ({c.ExcludedMissing} because its value is missing)")
                    : string.Empty;
                rows.Add(Row(string.Empty, "Out: " + Code(c.Text) + " not true" + missing, F.Count(c.Excluded)));
            }

            rows.Add(Row(string.Empty, Bold("In"), Bold(F.Count(p.N))));
        }

        return new MarkdownTable(new[] { "Population", "Step", "Subjects" }, "|---|---|--:|", rows);
    }

    /// <summary>The groups' sizes add up to the Analysed row above (STROBE: numbers at each stage must reconcile).</summary>
    private static IReadOnlyList<string> GroupSumRow(CohortFlow cohort)
    {
        int sum = cohort.Groups.Sum(g => g.N);
        string check = sum == cohort.Analysed
            ? "sum of groups = Analysed"
            : "sum of groups ≠ Analysed (" + F.Count(cohort.Analysed) + ")";
        return Row(Bold("Total"), check, Bold(F.Count(sum)));
    }

    internal static string ExclusionText(ExclusionCount e, CohortFlow? cohort)
    {
        switch (e.Stage)
        {
            case "invalid_row":
                return "Invalid row: " + e.Reason + (e.Code is null ? string.Empty : " (" + e.Code + ")");
            case "include" or "exclude":
                CriterionFlow? criterion = cohort?.Criteria.FirstOrDefault(c => c.Kind == e.Stage && c.Label == e.Reason);
                string missing = criterion is { ExcludedMissing: > 0 }
                    ? string.Create(CultureInfo.InvariantCulture, $" ({criterion.ExcludedMissing} because the criterion's value is missing)")
                    : string.Empty;
                return (e.Stage == "include" ? "Not included: " : "Excluded: ") + e.Reason + missing;
            case "unassigned":
                return "In no group";
            case "overlapping":
                return "In more than one group";
            default:
                return "Subject not analysed: " + e.Reason;
        }
    }

    private static IEnumerable<string> SubjectNotes(string what, int count, IReadOnlyList<SubjectNote> notes, string status = "not analysed")
    {
        if (count == 0)
        {
            yield break;
        }

        string listed = string.Join("; ", notes.Select(n => string.Create(CultureInfo.InvariantCulture, $"row {n.Row} ({InlineCode(n.Key)})")
            + (n.Groups.Count > 0 ? ": " + string.Join(", ", n.Groups) : string.Empty)));
        string more = notes.Count < count ? string.Create(CultureInfo.InvariantCulture, $"; first {notes.Count} of {count} listed") : string.Empty;
        yield return $"{what} ({status}): {listed}{more}.";
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    /// <summary>Text on one line: line breaks flattened to spaces.</summary>
    internal static string Inline(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ');

    /// <summary>
    /// Table cell text: on one line. Pipes are escaped when the Markdown report renders a cell
    /// (<see cref="ReportText.ToMarkdown"/>), so the view stays neutral.
    /// </summary>
    internal static string Cell(string text) => Inline(text);

    /// <summary>A code span in a table cell.</summary>
    internal static string Code(string text) => ReportText.Code(Inline(text));

    /// <summary>A code span in running text.</summary>
    internal static string InlineCode(string text) => ReportText.Code(Inline(text));

    /// <summary>Strong (bold) text.</summary>
    internal static string Bold(string text) => ReportText.Strong(text);
}
