using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.Distributions;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>A mixed model as a paper reports it: fixed effects, type III F tests, variance components, fit statistics.</summary>
    private static void AddMixed(MixedModelResult mixed, ReportLabels labels, List<string> notes, List<MarkdownTable> tables)
    {
        var references = new List<string>();
        if (mixed.GroupLevels is { Count: > 0 } groups)
        {
            references.Add((mixed.GroupTerm ?? "group") + " " + Cell(labels.Level(groups[0], mixed.GroupTerm ?? "group")));
        }

        if (mixed.TimeLevels is { Count: > 0 } times)
        {
            references.Add("time " + InlineCode(times[0].ToString("R", CultureInfo.InvariantCulture)));
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Model {InlineCode(mixed.Formula)} ({mixed.Estimation}), {mixed.Observations} observations of {mixed.Subjects} subjects")
            + (references.Count == 0 ? "." : "; reference levels (treatment contrasts): " + string.Join("; ", references) + ".")
            + (mixed.TypeI is null ? " Type III F tests" : " Type I (sequential) F tests, each term after those before it in the formula,")
            + (mixed.DegreesOfFreedom == DegreesOfFreedomNames.KenwardRoger
                ? " and t-tests use Kenward-Roger's degrees of freedom (Kenward and Roger 1997) and F scaling; standard errors come from the Kenward-Roger adjusted covariance of the fixed effects."
                : " and t-tests use Satterthwaite's degrees of freedom."));

        notes.Add(TermLabelsNote);
        bool log = mixed.Formula.StartsWith("log(", System.StringComparison.Ordinal);

        if (mixed.NotEstimable is { Count: > 0 } aliased)
        {
            notes.Add("The fixed-effects design is rank deficient: " + string.Join(", ", aliased.Select(InlineCode))
                + " cannot be estimated (aliased with other columns, e.g. an empty group × time cell) and were dropped, as lme4 does; type III tests use the columns kept.");
        }

        if (mixed.VisitContrasts is { Count: > 0 } visitContrasts && mixed.VisitMeans is { } visitMeans)
        {
            VisitMeansTables(mixed.VisitResponseMeans ?? visitMeans, mixed.VisitResponseContrasts ?? visitContrasts, mixed.MeansFactor, mixed.ContrastAdjust,
                mixed.VisitResponseMeans is not null, labels, notes, tables);
        }

        tables.Add(new MarkdownTable(
            new[] { mixed.TypeI is null ? "Term (type III)" : "Term (type I)", "NumDF", "DenDF", "F", "p" },
            "|---|--:|--:|--:|--:|",
            (mixed.TypeI ?? mixed.TypeIII).Select(t => Row(Cell(labels.Term(t.Term)), F.Count(t.NumeratorDf), F.DegreesOfFreedom(t.DenominatorDf), F.Statistic(t.F), F.PValue(t.PValue))).ToArray()));

        tables.Add(FixedEffectsTable(mixed.FixedEffects, labels, log, notes));

        if (mixed.MarginalMeans is { Count: > 0 } means)
        {
            int cells = (mixed.GroupLevels?.Count ?? 1) * (mixed.TimeLevels?.Count ?? 1);
            if (mixed.FixedEffects.Count + (mixed.NotEstimable?.Count ?? 0) != cells)
            {
                notes.Add("Marginal means are emmeans' reference-grid means: other factors averaged with equal weights over their levels, numeric variables at their mean over the fitted rows.");
            }

            if (log)
            {
                notes.Add("Back-transformed means are exp of the log-scale mean and of its CI limits (emmeans' type = \"response\"): geometric means; results.json keeps the log scale.");
            }

            tables.Add(new MarkdownTable(
                log
                    ? new[] { "Estimated marginal mean: " + (mixed.GroupTerm ?? "group"), "Time", "Back-transformed (95% CI)", "Log scale (95% CI)", "SE", "df" }
                    : new[] { "Estimated marginal mean: " + (mixed.GroupTerm ?? "group"), "Time", "Estimate (95% CI)", "SE", "df" },
                log ? "|---|--:|--:|--:|--:|--:|" : "|---|--:|--:|--:|--:|",
                means.Select(m =>
                {
                    var cells = new List<string> { Cell(labels.Level(m.Group, mixed.GroupTerm ?? "group")), m.Time.ToString("R", CultureInfo.InvariantCulture) };
                    if (double.IsNaN(m.Estimate))
                    {
                        // An empty group × time cell: said once, the other cells of the row are "—" rather than NA.
                        cells.Add("not estimable");
                        cells.AddRange(Enumerable.Repeat(NotApplicable, log ? 3 : 2));
                        return (IReadOnlyList<string>)cells;
                    }

                    if (log)
                    {
                        cells.Add(F.Interval(System.Math.Exp(m.Estimate), System.Math.Exp(m.Lower), System.Math.Exp(m.Upper)));
                    }

                    cells.Add(F.Interval(m.Estimate, m.Lower, m.Upper));
                    cells.Add(F.Estimate(m.StandardError));
                    cells.Add(F.DegreesOfFreedom(m.DegreesOfFreedom));
                    return (IReadOnlyList<string>)cells;
                }).ToArray()));
        }

        bool correlated = mixed.VarianceComponents.Any(v => v.Correlation is not null);
        tables.Add(new MarkdownTable(
            correlated ? new[] { "Random effect", "Name", "Variance", "SD", "Corr" } : new[] { "Random effect", "Name", "Variance", "SD" },
            correlated ? "|---|---|--:|--:|--:|" : "|---|---|--:|--:|",
            mixed.VarianceComponents.Select(v =>
            {
                var cells = new List<string> { Cell(v.Grouping), Cell(v.Name), F.Estimate(v.Variance), F.Estimate(v.StandardDeviation) };
                if (correlated)
                {
                    cells.Add(v.Correlation is { } c ? F.Estimate(c) : string.Empty);
                }

                return (IReadOnlyList<string>)cells;
            }).ToArray()));

        MixedFitStatistics fit = mixed.Fit;
        tables.Add(new MarkdownTable(
            new[] { "Fit statistic", "Value" },
            "|---|--:|",
            new[]
            {
                Row(mixed.Estimation == "REML" ? "REML criterion" : "Deviance (−2 log-likelihood)", F.Estimate(fit.Criterion)),
                Row(mixed.Estimation == "REML" ? "Restricted log-likelihood" : "Log-likelihood", F.Estimate(fit.LogLikelihood) + " (df = " + F.Count(fit.Parameters) + ")"),
                Row("AIC", F.Estimate(fit.Aic)),
                Row("BIC", F.Estimate(fit.Bic)),
                Row("Residual SD", F.Estimate(fit.Sigma)),
                Row("Optimiser", (fit.Converged ? "converged" : Bold("not converged")) + (fit.Singular ? "; singular fit" : string.Empty)),
            }));
    }

    private const string TermLabelsNote = "Terms are labelled with the study's group and level labels, × marking an interaction; results.json keeps R's names of them.";

    /// <summary>
    /// The fixed effects, labelled, with estimate (95% CI) on one number of decimals; a log-scale model adds exp(β), the
    /// ratio of geometric means, with exp of the limits. The CI is β ± t(0.975, df) SE on the row's df (Satterthwaite or
    /// Kenward-Roger), as lmerTest's and emmeans' Wald-t intervals; it is computed here from results.json's β, SE and df.
    /// </summary>
    private static MarkdownTable FixedEffectsTable(IReadOnlyList<FixedEffectRow> effects, ReportLabels labels, bool log, List<string> notes)
    {
        if (log)
        {
            notes.Add("Ratio: exp(β), the ratio of geometric means the term stands for (the intercept: the reference cell's geometric mean), with exp of the CI limits.");
        }

        return new MarkdownTable(
            log ? new[] { "Fixed effect", "Ratio (95% CI)", "Estimate, log scale (95% CI)", "SE", "df", "t", "p" } : new[] { "Fixed effect", "Estimate (95% CI)", "SE", "df", "t", "p" },
            log ? "|---|--:|--:|--:|--:|--:|--:|" : "|---|--:|--:|--:|--:|--:|",
            effects.Select(f =>
            {
                double half = f.DegreesOfFreedom > 0 ? StudentT.InvCDF(0, 1, f.DegreesOfFreedom, 0.975) * f.StandardError : double.NaN;
                var cells = new List<string> { Cell(labels.Term(f.Term)) };
                if (log)
                {
                    // The intercept is a geometric mean, not a ratio: it keeps the significant digits of a mean.
                    (double e, double lo, double hi) = (System.Math.Exp(f.Estimate), System.Math.Exp(f.Estimate - half), System.Math.Exp(f.Estimate + half));
                    cells.Add(f.Term == "(Intercept)" ? F.Interval(e, lo, hi) : F.Ratio(e, lo, hi));
                }

                cells.Add(F.Interval(f.Estimate, f.Estimate - half, f.Estimate + half));
                cells.Add(F.Estimate(f.StandardError));
                cells.Add(F.DegreesOfFreedom(f.DegreesOfFreedom));
                cells.Add(F.Statistic(f.T));
                cells.Add(F.PValue(f.PValue));
                return (IReadOnlyList<string>)cells;
            }).ToArray());
    }

    /// <summary>The key from coded levels to labels, for models whose term names use the codes (<c>sex2</c>), as R names them.</summary>
    private static string LevelKeyNote(IReadOnlyList<LevelLabelsRow> labelled) =>
        "Terms name levels by their codes: " + string.Join("; ", labelled.Select(v =>
            InlineCode(v.Variable) + " " + string.Join(", ", v.Levels.Select((level, i) => InlineCode(level) + " = " + Cell(v.Labels[i]))))) + ".";
}
