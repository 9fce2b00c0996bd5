using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Reports.Figures;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// The paper's order: the flow diagram, Table 1, then each analysis with its own figures and its methods as
/// footnotes under its tables. Provenance and warnings stay in the view for the templates' appendix.
/// </summary>
public static partial class ReportViewBuilder
{

    internal const string FlowCaption =
        "Flow of subjects from the data file to the analysis: each box gives the number of subjects; the boxes to the right, "
        + "those left out at each step with the reason (invalid rows, then the criteria in protocol order, then the groups); "
        + "below, the analysed subjects by group. The same numbers are in the subject flow tables of the appendix.";

    /// <summary>The sections in paper order with their figures and footnotes, and every figure numbered in that order.</summary>
    private static ReportView Arrange(ReportView view, StudyResults results, IReadOnlyList<FigureView> figures)
    {
        IReadOnlyList<AnalysisResult> analyses = results.Analyses;
        int tableOne = TableOneIndex(analyses);
        Dictionary<string, string> owner = FigureOwners(results);
        var attached = new HashSet<string>(StringComparer.Ordinal);
        var sections = new List<SectionView>();
        foreach (int i in Enumerable.Range(0, analyses.Count).OrderBy(i => i == tableOne ? 0 : 1).ThenBy(i => i))
        {
            SectionView s = view.Analyses[i];
            var own = figures.Where(f => owner.TryGetValue(f.Id, out string? a) && a == s.Id && attached.Add(f.Id)).ToArray();
            var footnotes = new List<string>();
            var tables = s.Tables;
            if (s.Method is { } method)
            {
                footnotes.Add("Method: " + method + ".");
            }

            if (s.Specification is { } specification)
            {
                footnotes.Add("Specification: " + specification);
            }

            footnotes.Add("Protocol: " + s.Source);
            sections.Add(s with
            {
                Heading = i == tableOne ? TableOneHeading(s.Heading) : s.Heading,
                Tables = tables,
                IsTableOne = i == tableOne,
                Figures = own,
                Footnotes = footnotes,
            });
        }

        FigureView? flow = FlowDiagram.Render(results.Flow, FlowCaption) is { } drawn
            ? new FigureView(FlowDiagram.Id, "flow", FlowCaption, $"{ReportFigures.Folder}/{FlowDiagram.Id}.svg", FigureStyle.Inline(drawn.Svg), null)
            {
                FileSvg = drawn.Svg,
                PngFile = $"{ReportFigures.Folder}/{FlowDiagram.Id}.png",
                Png = drawn.Png,
            }
            : null;
        var others = figures.Where(f => !attached.Contains(f.Id)).ToArray();

        // Numbered as they appear: the flow diagram is Figure 1, as in a paper.
        var order = new List<FigureView>();
        var renumbered = new Dictionary<string, FigureView>(StringComparer.Ordinal);
        foreach (FigureView f in (flow is null ? Array.Empty<FigureView>() : new[] { flow }).Concat(sections.SelectMany(s => s.Figures)).Concat(others))
        {
            FigureView numbered = f with
            {
                Caption = string.Create(CultureInfo.InvariantCulture, $"Figure {order.Count + 1}. ") + FigureNumber().Replace(f.Caption, string.Empty, 1),
            };
            order.Add(numbered);
            renumbered[f.Id] = numbered;
        }

        return view with
        {
            Analyses = sections.Select(s => s with { Figures = s.Figures.Select(f => renumbered[f.Id]).ToArray() }).ToArray(),
            Figures = order,
            FlowDiagram = flow is null ? null : renumbered[flow.Id],
            OtherFigures = others.Select(f => renumbered[f.Id]).ToArray(),
        };
    }

    /// <summary>Table 1 is the first descriptive table that ran; without one, the first comparison that ran; else none (-1).</summary>
    private static int TableOneIndex(IReadOnlyList<AnalysisResult> analyses)
    {
        int Find(string kind) => analyses.Select((a, i) => (a, i)).Where(x => x.a.Kind == kind && x.a.Status == ResultStatus.Ok)
            .Select(x => x.i).DefaultIfEmpty(-1).First();
        int describe = Find("describe");
        return describe >= 0 ? describe : Find("compare");
    }

    /// <summary>"1. Descriptive table by group" → "Table 1. Descriptive table by group"; another position is kept in words.</summary>
    private static string TableOneHeading(string heading)
    {
        Match m = SectionNumber().Match(heading);
        if (!m.Success)
        {
            return "Table 1. " + heading;
        }

        string number = m.Groups[1].Value;
        return "Table 1. " + heading[m.Length..] + (number == "1" ? string.Empty : " (analysis " + number + ")");
    }

    /// <summary>
    /// Which analysis each figure belongs to, by figure id. A scoped analysis' figures name it; a Kaplan-Meier figure
    /// is named by its analysis, a forest plot by its Cox model plus "-forest"; a default-scope box plot belongs to the
    /// first comparison of its variable and a trajectory to the first mixed model of its outcome (later ones share it).
    /// </summary>
    private static Dictionary<string, string> FigureOwners(StudyResults results)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AnalysisResult a in results.Analyses)
        {
            if (a.KaplanMeier is not null)
            {
                owner.TryAdd(a.Id, a.Id);
            }

            if (a.Cox is { Subgroups: not null })
            {
                owner.TryAdd(a.Id + "-forest", a.Id);
            }
        }

        foreach (FigureResult f in results.Figures ?? [])
        {
            AnalysisResult? a = f.Analysis is { } id
                ? results.Analyses.FirstOrDefault(x => x.Id == id)
                : results.Analyses.FirstOrDefault(x => f.Kind == "box"
                    ? x.Compare?.Rows.Any(r => r.Variable == f.Variable) == true
                    : x.Mixed is { } m && ResponseName().Match(m.Formula) is { Success: true } r && r.Groups[1].Value == f.Variable);
            if (a is not null)
            {
                owner.TryAdd(f.Id, a.Id);
            }
        }

        return owner;
    }

    [GeneratedRegex(@"^Figure \d+\. ")]
    private static partial Regex FigureNumber();

    [GeneratedRegex(@"^(\d+)\. ")]
    private static partial Regex SectionNumber();

    // The response of a mixed model's formula: "log(CKCourse) ~ ..." → CKCourse.
    [GeneratedRegex(@"^\s*(?:[A-Za-z_][A-Za-z0-9_]*\()?([A-Za-z_][A-Za-z0-9_.]*)")]
    private static partial Regex ResponseName();
}
