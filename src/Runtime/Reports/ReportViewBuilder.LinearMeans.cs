using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// A linear or generalised linear model's marginal means and their contrasts: for a <c>log(y)</c> response or a GLM the
    /// back-transformed means (probabilities, rates) and ratios, as a paper reports them (the link-scale numbers stay in results.json).
    /// </summary>
    private static void LinearMeansSection(LinearMeansResult means, List<string> notes, List<MarkdownTable> tables)
    {
        bool ratio = means.ResponseMeans is not null;
        bool z = means.Scale == "logit" || (means.Means.Count > 0 && means.Means.All(r => double.IsPositiveInfinity(r.DegreesOfFreedom)));
        string statistic = z ? "z" : "t";
        string scale = means.Scale == "logit" ? "logit" : "log";
        string responseMeans = means.Scale == "logit" ? "probabilities" : z ? "rates (per unit of the offset)" : "means";
        string ratios = means.Scale == "logit" ? "odds ratios" : z ? "rate ratios" : "ratios";
        IReadOnlyList<LinearMeanRow> rows = means.ResponseMeans ?? means.Means;
        IReadOnlyList<LinearContrastRow> contrasts = means.ResponseContrasts ?? means.Contrasts;
        string within = means.By is null ? string.Empty : $" within each level of {Code(means.By)}";
        string adjust = means.Adjust switch
        {
            "tukey" => "Tukey's studentized range (p and CI)",
            "dunnettx" => "emmeans' approximate Dunnett (dunnettx; p and CI)",
            "bonferroni" => "Bonferroni (p and CI)",
            "holm" => "Holm (p; Bonferroni CI)",
            _ => "no multiplicity adjustment",
        };
        notes.Add($"Estimated marginal means of {Code(means.Factor)}{within}, R emmeans: numeric terms at their mean, the other factors' levels weighted equally; "
            + (z ? "z intervals and tests (df = ∞, as emmeans for glm fits); " : string.Empty)
            + (ratio ? $"{responseMeans} back-transformed from the {scale} scale (SE by the delta method), contrasts as {ratios} with {statistic} tests on the {scale} scale; " : string.Empty)
            + $"{(means.Contrast == "pairwise" ? "all pairwise contrasts" : "each level against the reference level")}, {adjust}"
            + (means.By is null ? "." : $", per level of {Code(means.By)}."));
        string[] byHeader = means.By is null ? [] : [Code(means.By)];
        tables.Add(new MarkdownTable(
            [.. byHeader, Code(means.Factor), means.Scale == "logit" ? "Probability (95% CI)" : ratio ? "Mean, response scale (95% CI)" : "Marginal mean (95% CI)", "SE", "df"],
            "|" + string.Concat(Enumerable.Repeat("---|", byHeader.Length + 1)) + "--:|--:|--:|",
            rows.Select(r => Row([.. ByCell(means, r.By), Cell(r.Level), F.Interval(r.Estimate, r.Low, r.High),
                F.Estimate(r.StandardError), F.DegreesOfFreedom(r.DegreesOfFreedom)])).ToArray()));
        tables.Add(new MarkdownTable(
            [.. byHeader, "Contrast", means.Scale == "logit" ? "Odds ratio (95% CI)" : ratio ? "Ratio (95% CI)" : "Difference (95% CI)", "SE", statistic, "p"],
            "|" + string.Concat(Enumerable.Repeat("---|", byHeader.Length + 1)) + "--:|--:|--:|--:|",
            contrasts.Select(r => Row([.. ByCell(means, r.By), Cell(r.Contrast), ratio ? F.Ratio(r.Estimate, r.Low, r.High) : F.Interval(r.Estimate, r.Low, r.High),
                F.Estimate(r.StandardError), F.Estimate(r.T), F.PValue(r.PValue)])).ToArray()));
    }

    private static string[] ByCell(LinearMeansResult means, string? by) => means.By is null ? [] : [Cell(by ?? string.Empty)];
}
