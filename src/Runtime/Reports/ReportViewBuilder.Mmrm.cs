using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// An MMRM as a trial report gives it: the contrast of the means factor at each visit first (the estimand), then the
    /// means, the fixed effects, Σ̂ with its correlations, and the fit.
    /// </summary>
    private static void AddMmrm(MmrmResult mmrm, ReportLabels labels, List<string> notes, List<MarkdownTable> tables)
    {
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Model {InlineCode(mmrm.Formula)} (REML, {mmrm.Covariance} covariance over the visits {string.Join(", ", mmrm.Visits.Select(InlineCode))}), {mmrm.Observations} observations of {mmrm.Subjects} subjects.")
            + (mmrm.DegreesOfFreedom == DegreesOfFreedomNames.KenwardRoger
                ? " t-tests, means and contrasts use Kenward-Roger's degrees of freedom (Kenward and Roger 1997), with standard errors from the Kenward-Roger adjusted covariance of the fixed effects."
                : " t-tests, means and contrasts use Satterthwaite's degrees of freedom."));
        notes.Add(TermLabelsNote);

        if (mmrm.NotEstimable is { Count: > 0 } aliased)
        {
            notes.Add("The fixed-effects design is rank deficient: " + string.Join(", ", aliased.Select(InlineCode))
                + " cannot be estimated (aliased with other columns) and were dropped.");
        }

        if (mmrm.Contrasts is { Count: > 0 } contrasts && mmrm.Means is { } means)
        {
            VisitMeansTables(mmrm.ResponseMeans ?? means, mmrm.ResponseContrasts ?? contrasts, mmrm.MeansFactor, mmrm.ContrastAdjust,
                mmrm.ResponseMeans is not null, labels, notes, tables);
        }

        if (mmrm.TypeIII.Count > 0)
        {
            tables.Add(new MarkdownTable(
                new[] { "Term (type III)", "NumDF", "DenDF", "F", "p" },
                "|---|--:|--:|--:|--:|",
                mmrm.TypeIII.Select(t => Row(Cell(labels.Term(t.Term)), F.Count(t.NumeratorDf), F.DegreesOfFreedom(t.DenominatorDf), F.Statistic(t.F), F.PValue(t.PValue))).ToArray()));
        }

        tables.Add(FixedEffectsTable(mmrm.FixedEffects, labels, mmrm.Formula.StartsWith("log(", System.StringComparison.Ordinal), notes));

        // Σ̂: variances and covariances on and below the diagonal, correlations above it, as a reader compares structures.
        tables.Add(new MarkdownTable(
            mmrm.Visits.Select(v => "Visit " + v).Prepend("Covariance (lower) / correlation (upper)").ToArray(),
            "|---|" + string.Concat(mmrm.Visits.Select(_ => "--:|")),
            mmrm.Visits.Select((v, i) => (IReadOnlyList<string>)mmrm.Visits.Select((_, j) => j <= i ? F.Estimate(mmrm.Sigma[i][j]) : F.Estimate(mmrm.Correlation[i][j]))
                .Prepend("Visit " + v).ToArray()).ToArray()));

        MmrmFitStatistics fit = mmrm.Fit;
        tables.Add(new MarkdownTable(
            new[] { "Fit statistic", "Value" },
            "|---|--:|",
            new[]
            {
                Row("REML criterion", F.Estimate(fit.Criterion)),
                Row("Restricted log-likelihood", F.Estimate(fit.LogLikelihood) + " (covariance parameters = " + F.Count(fit.Parameters) + ")"),
                Row("AIC", F.Estimate(fit.Aic)),
                Row("BIC", F.Estimate(fit.Bic)),
                Row("Optimiser", fit.Converged ? "converged" : Bold("not converged")),
            }));
    }

    /// <summary>
    /// The contrasts at each visit, then the means, of a mixed model or MMRM with <c>means f</c>, with a note on the grid
    /// and the adjustment (a family per visit).
    /// </summary>
    private static void VisitMeansTables(IReadOnlyList<VisitMeanRow> means, IReadOnlyList<VisitContrastRow> contrasts, string? factor, string? adjust,
        bool ratios, ReportLabels labels, List<string> notes, List<MarkdownTable> tables)
    {
        string adjustment = adjust switch
        {
            "tukey" => "adjusted within each visit by Tukey's studentized range (p and CI)",
            "dunnettx" => "adjusted within each visit by emmeans' approximate Dunnett (dunnettx; p and CI)",
            "bonferroni" => "adjusted within each visit by Bonferroni (p and CI)",
            "holm" => "adjusted within each visit by Holm (p; Bonferroni CI)",
            _ => "not adjusted for multiplicity",
        };
        notes.Add($"Means are emmeans' reference-grid means at each visit (numeric variables at their mean over the fitted rows, other factors weighted equally); contrasts are {adjustment}, each on its own df."
            + (ratios ? " The response is modelled on the log scale: means are back-transformed (SE by the delta method) and contrasts are ratios, their t and p those of the log scale (results.json keeps both scales)." : string.Empty));
        tables.Add(new MarkdownTable(
            new[] { "Contrast: " + (factor ?? "factor"), "Visit", ratios ? "Ratio" : "Estimate", "SE", "df", "95% CI", "p" },
            "|---|--:|--:|--:|--:|--:|--:|",
            contrasts.Select(c =>
            {
                int d = ratios ? ReportNumberFormat.RatioDecimals(c.Estimate) : ReportNumberFormat.IntervalDecimals(c.Estimate, c.Lower, c.Upper);
                return Row(Cell(labels.Contrast(c.Contrast, factor)), Cell(c.Visit), Number(c.Estimate, d), StandardError(c.StandardError), Df(c.Df),
                    Interval(c.Lower, c.Upper, d), double.IsNaN(c.P) ? "not estimable" : F.PValue(c.P));
            }).ToArray()));
        tables.Add(new MarkdownTable(
            new[] { "Estimated marginal mean: " + (factor ?? "factor"), "Visit", "Estimate", "SE", "df", "95% CI" },
            "|---|--:|--:|--:|--:|--:|",
            means.Select(m =>
            {
                int d = ReportNumberFormat.IntervalDecimals(m.Estimate, m.Lower, m.Upper);
                return Row(Cell(labels.Level(m.Level, factor)), Cell(m.Visit), Number(m.Estimate, d), StandardError(m.StandardError), Df(m.Df), Interval(m.Lower, m.Upper, d));
            }).ToArray()));

        static string StandardError(double value) => double.IsNaN(value) ? "not estimable" : F.Estimate(value);

        static string Number(double value, int decimals) => double.IsNaN(value) ? "not estimable" : F.Fixed(value, decimals);

        static string Df(double value) => double.IsNaN(value) ? string.Empty : F.DegreesOfFreedom(value);

        static string Interval(double lower, double upper, int decimals) =>
            double.IsNaN(lower) || double.IsNaN(upper) ? string.Empty : $"{F.Fixed(lower, decimals)}, {F.Fixed(upper, decimals)}";
    }
}
