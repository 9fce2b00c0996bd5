using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Cli.Diff;

/// <summary>
/// Lays out a <see cref="ResultsDiffReport"/> for reading: conclusions that flipped first, then the study's identity, the
/// data, the subject flow, analyses added and removed, and per changed analysis its options and a before/after table of its
/// estimates. Sections with nothing in them are left out.
/// </summary>
internal static class DiffDocumentBuilder
{
    /// <summary>Subjects listed per kind of row change before "and N more".</summary>
    public const int SubjectLimit = 20;

    public static List<Block> Build(ResultsDiffReport report)
    {
        var blocks = new List<Block>
        {
            new HeadingBlock(1, [T("Results diff")]),
            new ListBlock([[T("Old: "), C(report.Old)], [T("New: "), C(report.New)]]),
            new ParagraphBlock([T("Numbers are rounded as the report rounds them; a value equal after rounding is not a change. Conclusions flip when a p-value crosses "
                + Number(report.Alpha) + " or a confidence interval crosses its null value.")]),
        };

        if (!report.HasChanges)
        {
            blocks.Add(new ParagraphBlock([T("No changes.")]));
            return blocks;
        }

        if (!report.HasVisibleChanges)
        {
            blocks.Add(new ParagraphBlock([T("No change at the report's precision (" + Count(report.ChangedValues, "value") + " moved below the rounding).")]));
            return blocks;
        }

        if (report.Flipped.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Conclusions that flipped")]));
            blocks.Add(new TableBlock(["Analysis", "Estimate", "Measure", "Old", "New", "Now"], [false, false, false, true, true, false],
                report.Flipped.Select(f => (IReadOnlyList<Inline>)[C(f.AnalysisId), T(f.Label), T(f.Quantity), T(f.Old), T(f.New), T(f.Reason)]).ToArray()));
        }

        if (report.Study.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Study")]));
            blocks.Add(Fields("Field", report.Study));
        }

        if (report.Data.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Data")]));
            foreach (var table in report.Data)
            {
                Data(blocks, table);
            }
        }

        if (report.Flow.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Subject flow")]));
            blocks.Add(Fields("Count", report.Flow));
        }

        if (report.Added.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Analyses added")]));
            blocks.Add(new ListBlock(report.Added.Select(Analysis).ToArray()));
        }

        if (report.Removed.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Analyses removed")]));
            blocks.Add(new ListBlock(report.Removed.Select(Analysis).ToArray()));
        }

        if (report.Changed.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Analyses changed")]));
            foreach (var change in report.Changed)
            {
                Changed(blocks, change);
            }
        }

        if (report.UnchangedAnalyses > 0)
        {
            blocks.Add(new ParagraphBlock([T(Count(report.UnchangedAnalyses, "other analysis", "other analyses") + " unchanged.")]));
        }

        if (report.Other.Count > 0)
        {
            blocks.Add(new HeadingBlock(2, [T("Other changes")]));
            blocks.Add(new TableBlock(["Value", "Old", "New"], [false, false, false],
                report.Other.Select(o => (IReadOnlyList<Inline>)[C(o.Label), T(o.Old ?? "—"), T(o.New ?? "—")]).ToArray()));
        }

        return blocks;
    }

    private static void Data(List<Block> blocks, TableChange table)
    {
        blocks.Add(new HeadingBlock(3, [T("Table " + table.Table + " "), C(table.Path)]));
        var items = new List<IReadOnlyList<Inline>>();
        if (table.OldSha256 != table.NewSha256)
        {
            items.Add([T("SHA-256 "), C(Short(table.OldSha256)), T(" → "), C(Short(table.NewSha256))]);
        }

        if (table.OldRows != table.NewRows)
        {
            items.Add([T("rows read " + (table.OldRows?.ToString(CultureInfo.InvariantCulture) ?? "—") + " → " + (table.NewRows?.ToString(CultureInfo.InvariantCulture) ?? "—"))]);
        }

        if (table.Rows is { } rows)
        {
            items.Add([T(Count(rows.Added.Count, "row") + " added" + Subjects(rows.Added) + ", " + Count(rows.Removed.Count, "row") + " removed" + Subjects(rows.Removed)
                + ", " + Count(rows.Changed.Count, "row") + " changed" + Subjects(rows.Changed.Select(c => c.Subject).ToArray()))]);
            if (rows.ColumnsAdded.Count + rows.ColumnsRemoved.Count > 0)
            {
                items.Add([T("columns added: " + List(rows.ColumnsAdded) + "; removed: " + List(rows.ColumnsRemoved))]);
            }
        }
        else if (table.Note is { } note)
        {
            items.Add([T(note)]);
        }

        blocks.Add(new ListBlock(items));
        if (table.Rows is { Changed.Count: > 0 } changed)
        {
            blocks.Add(new TableBlock(["Subject", "Column", "Old", "New"], [false, false, true, true],
                changed.Changed.Take(SubjectLimit).SelectMany(r => r.Cells.Select(c => (IReadOnlyList<Inline>)[T(r.Subject), T(c.Column), T(c.Old.Length == 0 ? "(empty)" : c.Old), T(c.New.Length == 0 ? "(empty)" : c.New)])).ToArray()));
            if (changed.Changed.Count > SubjectLimit)
            {
                blocks.Add(new ParagraphBlock([T("The cells of " + Count(changed.Changed.Count - SubjectLimit, "further changed row") + " are not listed.")]));
            }
        }
    }

    private static void Changed(List<Block> blocks, AnalysisChange change)
    {
        blocks.Add(new HeadingBlock(3, [C(change.New.Id), T(" (" + change.New.Kind + ")")]));
        var items = new List<IReadOnlyList<Inline>>();
        if (change.IdChanged)
        {
            items.Add([T("id was "), C(change.Old.Id), T(" (matched by its unchanged line of the study)")]);
        }

        if (change.OptionsChanged)
        {
            items.Add([T("was: "), C(change.Old.Source)]);
            items.Add([T("now: "), C(change.New.Source)]);
            if (change.Old.Specification != change.New.Specification)
            {
                items.Add([T("specification was: "), C(change.Old.Specification ?? "—")]);
                items.Add([T("specification now: "), C(change.New.Specification ?? "—")]);
            }
        }
        else
        {
            items.Add([C(change.New.Source)]);
        }

        if (change.StatusChanged)
        {
            items.Add([T("status " + (change.OldStatus ?? "—") + " → " + (change.NewStatus ?? "—"))]);
        }

        items.AddRange(change.WarningsAdded.Select(w => (IReadOnlyList<Inline>)[T("new warning: " + w)]));
        items.AddRange(change.WarningsRemoved.Select(w => (IReadOnlyList<Inline>)[T("warning gone: " + w)]));
        blocks.Add(new ListBlock(items));
        if (change.Estimates.Count > 0)
        {
            blocks.Add(new TableBlock(["Estimate", "Measure", "Old", "New"], [false, false, true, true],
                change.Estimates.Select(e => (IReadOnlyList<Inline>)[T(e.Label), T(e.Quantity), T(e.Old ?? "—"), T(e.New ?? "—")]).ToArray()));
        }

        var notes = new List<string>();
        if (change.Estimates.Count == 0)
        {
            notes.Add("No estimate changed at the report's precision.");
        }

        if (change.UnchangedEstimates > 0)
        {
            notes.Add(Count(change.UnchangedEstimates, "unchanged estimate") + " not shown.");
        }

        if (change.OtherValues.Count > 0)
        {
            notes.Add("Other values changed (not shown): " + string.Join(", ", change.OtherValues) + ".");
        }

        if (notes.Count > 0)
        {
            blocks.Add(new ParagraphBlock([T(string.Join(" ", notes))]));
        }
    }

    private static TableBlock Fields(string what, IReadOnlyList<FieldChange> fields) =>
        new([what, "Old", "New"], [false, true, true],
            fields.Select(f => (IReadOnlyList<Inline>)[T(f.Label), T(Empty(f.Old)), T(Empty(f.New))]).ToArray());

    private static IReadOnlyList<Inline> Analysis(AnalysisSummary a) =>
        a.Specification is null
            ? [C(a.Id), T(" (" + a.Kind + "): "), C(a.Source)]
            : [C(a.Id), T(" (" + a.Kind + "): "), C(a.Source), T("; "), C(a.Specification)];

    private static string Subjects(IReadOnlyList<string> subjects)
    {
        if (subjects.Count == 0)
        {
            return string.Empty;
        }

        var distinct = subjects.Distinct(System.StringComparer.Ordinal).ToArray();
        var shown = string.Join(", ", distinct.Take(SubjectLimit));
        return " (" + shown + (distinct.Length > SubjectLimit ? " and " + (distinct.Length - SubjectLimit).ToString(CultureInfo.InvariantCulture) + " more subjects" : string.Empty) + ")";
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static string Empty(string? text) => string.IsNullOrEmpty(text) ? "—" : text;

    private static string Short(string? hash) => hash is null ? "—" : hash.Length > 12 ? hash[..12] : hash;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : plural ?? noun + "s");

    private static Inline T(string text) => new(text);

    private static Inline C(string text) => new(text, Code: true);
}
