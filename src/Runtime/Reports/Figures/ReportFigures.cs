using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The report's figures, drawn from the results alone: box plots and trajectories from
/// <c>results.figures</c>, then one Kaplan-Meier chart per Kaplan-Meier analysis and one forest plot per Cox model with subgroups,
/// numbered in that order.
/// </summary>
internal static class ReportFigures
{
    public const string Folder = "figures";

    /// <summary>How the names of figure files start, relative to the report folder.</summary>
    public const string FolderPrefix = Folder + "/";

    public static IReadOnlyList<FigureView> Build(StudyResults results)
    {
        ReportWarmup.WaitUntilDone();
        var figures = new List<FigureView>();
        foreach (FigureResult figure in results.Figures ?? [])
        {
            AnalysisScopeResult? scope = figure.Analysis is null ? null : results.Analyses.FirstOrDefault(a => a.Id == figure.Analysis)?.Scope;
            string grouping = ReportViewBuilder.GroupingWords(scope) + ReportViewBuilder.LevelWords(scope);
            if (figure.Box is { } box)
            {
                string caption = $"Box plots of {figure.Label} {grouping}: the box spans Tukey's hinges (R's fivenum) with the median inside; "
                    + "whiskers reach the most extreme values within 1.5 times the hinge spread; circles are values beyond them (R's boxplot.stats). n = "
                    + string.Join(", ", box.Groups.Select(g => $"{g.Label} {F.Count(g.N)}")) + ".";
                figures.Add(Figure(figures.Count, figure.Id, "box", caption, BoxChart.Draw(figure, box), null));
            }
            else if (figure.Trajectory is { } trajectory)
            {
                string caption = $"Mean (95% CI, t distribution) of {figure.Label} at each {trajectory.Time} {grouping}, from the visit rows with a value "
                    + "whose subject is in a group (raw means, not the mixed model's estimates); groups are shifted slightly along the time axis so the bars do not overlap.";
                figures.Add(Figure(figures.Count, figure.Id, "trajectory", caption, TrajectoryChart.Draw(figure, trajectory), null));
            }
        }

        foreach (AnalysisResult analysis in results.Analyses)
        {
            if (analysis.KaplanMeier is { } km && km.Groups.Count > 0)
            {
                // The analysis' id names the figure, so reordering or inserting analyses renames no figure file.
                string id = analysis.Id;
                string caption = $"Kaplan-Meier curves of {km.Label} {ReportViewBuilder.GroupingWords(analysis.Scope)}{ReportViewBuilder.LevelWords(analysis.Scope)}; "
                    + "+ marks a censored time. Below: numbers at risk (survfit's n.risk).";
                figures.Add(Figure(figures.Count, id, "kaplan_meier", caption, KaplanMeierChart.Draw(km, id), AtRisk(km)));
            }
            else if (analysis.Cox is { Subgroups: { } subgroups } cox)
            {
                string id = analysis.Id + "-forest";
                string caption = $"Forest plot of the hazard ratio of {ForestChart.Treatment(subgroups)} (95% CI) in all subjects and within each subgroup"
                    + $"{ReportViewBuilder.LevelWords(analysis.Scope)}: the same Cox model fitted on each level's subjects; "
                    + "squares' areas are proportional to the events (events/n after each label); the dashed line is HR = 1; the interaction p is the likelihood-ratio test of treatment × subgroup.";
                figures.Add(Figure(figures.Count, id, "forest", caption, ForestChart.Draw(cox, subgroups, "Hazard ratio of " + ForestChart.Treatment(subgroups) + " by subgroup", id), null));
            }
        }

        return figures;
    }

    /// <summary>Subjects at risk per group at time 0 and at each requested time, as <c>summary(fit, times)$n.risk</c> (0 after the last observation).</summary>
    private static MarkdownTable AtRisk(KaplanMeierResult km)
    {
        string unit = km.Unit is null ? string.Empty : " " + km.Unit;
        var header = new List<string> { "At risk" };
        header.Add("0" + unit);
        header.AddRange(km.Times.Select(t => t.ToString("R", CultureInfo.InvariantCulture) + unit));
        string separator = "|---|" + string.Concat(Enumerable.Repeat("--:|", header.Count - 1));
        var rows = km.Groups.Select(g => (IReadOnlyList<string>)new[] { ReportViewBuilder.Cell(g.Label), F.Count(g.N) }
            .Concat(g.AtTimes.Select(e => F.Count(e.Estimable ? e.NRisk : 0))).ToArray()).ToArray();
        return new MarkdownTable(header, separator, rows);
    }

    private static FigureView Figure(int index, string id, string kind, string caption, FigureImage image, MarkdownTable? atRisk) =>
        new(id, kind, string.Create(CultureInfo.InvariantCulture, $"Figure {index + 1}. ") + ReportViewBuilder.Inline(caption), $"{Folder}/{id}.svg", FigureStyle.Inline(image.Svg), atRisk)
        {
            FileSvg = image.Svg,
            Image = image,
        };
}
