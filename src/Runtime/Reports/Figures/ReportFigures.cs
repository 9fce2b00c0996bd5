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
                    + "whiskers reach the most extreme values within 1.5 times the hinge spread (R's boxplot.stats); "
                    + (box.Groups.All(g => g.Values is not null) ? "points are the values, spread sideways so they do not overlap" : "circles are the values beyond the whiskers")
                    + (box.Groups.Any(g => g.N == 0) ? "; a group without values has no box" : string.Empty) + ". n = "
                    + string.Join(", ", box.Groups.Select(g => $"{g.Label} {F.Count(g.N)}")) + ".";
                figures.Add(Figure(figures.Count, figure.Id, "box", caption, BoxChart.Draw(figure, box, ReportViewBuilder.GroupingWords(scope)), null));
            }
            else if (figure.Trajectory is { } trajectory)
            {
                string caption = trajectory.Scale == "log"
                    ? $"Geometric mean (95% CI: exp of the t interval of the log values) of {figure.Label} at each {trajectory.Time} {grouping} on a log axis, "
                        + "the scale of the log model, from the visit rows with a positive value whose subject is in a group (raw means, not the mixed model's estimates); "
                        + "groups are shifted slightly along the time axis so the bars do not overlap."
                    : $"Mean (95% CI, t distribution) of {figure.Label} at each {trajectory.Time} {grouping}, from the visit rows with a value "
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
                string? test = LogRankLine(results, analysis);
                CoxTermResult? hazard = KaplanMeierHazardRatio.Find(results, analysis);
                bool bands = km.ConfBand == true;
                string? annotation = string.Join("; ", new[] { test, hazard is null ? null : KaplanMeierHazardRatio.Text(hazard) }.OfType<string>()) is { Length: > 0 } line ? line : null;
                string caption = $"Kaplan-Meier curves of {km.Label} {ReportViewBuilder.GroupingWords(analysis.Scope)}{ReportViewBuilder.LevelWords(analysis.Scope)}; "
                    + "+ marks a censored time"
                    + (bands ? $"; the shaded bands are each curve's pointwise {(km.ConfidenceLevel * 100).ToString("0.#", CultureInfo.InvariantCulture)}% CI ({km.ConfidenceType} type)" : string.Empty)
                    + ". Under the time axis: the numbers at risk at each tick (survfit's n.risk)"
                    + (test is null ? string.Empty : "; the legend's last line is the p-value of the study's log-rank test of the same groups and subjects (survdiff)")
                    + (hazard is null ? string.Empty : $"{(test is null ? "; the legend's last line is" : ", then")} the hazard ratio of {hazard.Label} (Wald 95% CI) from the study's Cox model of the same outcome with the grouping as its only term (coxph)")
                    + ".";
                figures.Add(Figure(figures.Count, id, "kaplan_meier", caption, KaplanMeierChart.Draw(km, id, annotation, bands), AtRisk(km)));
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

    /// <summary>
    /// The legend's test line of a Kaplan-Meier figure: the p-value of a <c>test logrank</c> of the same outcome, groups
    /// and subjects (same scope), preferring the plain log-rank (rho = 0) to a G-rho test; null when there is none.
    /// </summary>
    internal static string? LogRankLine(StudyResults results, AnalysisResult analysis)
    {
        KaplanMeierResult km = analysis.KaplanMeier!;
        LogRankOutcome? test = results.Analyses
            .Where(a => a.LogRank is { } t && t.Variable == km.Variable && double.IsFinite(t.PValue) && SameSubjects(a.Scope, analysis.Scope)
                && t.Groups.Select(g => g.Group).SequenceEqual(km.Groups.Select(g => g.Group)))
            .Select(a => a.LogRank!)
            .OrderBy(t => t.Rho == 0 ? 0 : 1)
            .FirstOrDefault();
        if (test is null)
        {
            return null;
        }

        string name = test.Rho == 0 ? "Log-rank" : "G-rho (rho = " + test.Rho.ToString("R", CultureInfo.InvariantCulture) + ")";
        string strata = test.Strata is null ? string.Empty : ", stratified by " + test.Strata;
        string p = F.PValue(test.PValue);
        return name + strata + " p " + (p.StartsWith('<') || p.StartsWith('>') ? p : "= " + p);
    }

    /// <summary>Whether two analyses ran on the same subjects with the same grouping (both default, or equal scopes).</summary>
    private static bool SameSubjects(AnalysisScopeResult? a, AnalysisScopeResult? b) =>
        (a is null && b is null)
        || (a is not null && b is not null && a.Population == b.Population && a.Where == b.Where && a.Grouping == b.Grouping
            && (a.By ?? []).SequenceEqual(b.By ?? []) && a.Within == b.Within && a.Level == b.Level && a.N == b.N);

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

    private static FigureView Figure(int index, string id, string kind, string caption, RenderedFigure drawn, MarkdownTable? atRisk) =>
        new(id, kind, string.Create(CultureInfo.InvariantCulture, $"Figure {index + 1}. ") + ReportViewBuilder.Inline(caption), $"{Folder}/{id}.svg", FigureStyle.Inline(drawn.Svg), atRisk)
        {
            FileSvg = drawn.Svg,
            PngFile = $"{Folder}/{id}.png",
            Png = drawn.Png,
        };
}
