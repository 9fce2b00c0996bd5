using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>A mixed model as a paper reports it: fixed effects, type III F tests, variance components, fit statistics.</summary>
    private static void AddMixed(MixedModelResult mixed, List<string> notes, List<MarkdownTable> tables)
    {
        var references = new List<string>();
        if (mixed.GroupLevels is { Count: > 0 } groups)
        {
            references.Add((mixed.GroupTerm ?? "group") + " " + InlineCode(groups[0]));
        }

        if (mixed.TimeLevels is { Count: > 0 } times)
        {
            references.Add("time " + InlineCode(times[0].ToString("R", CultureInfo.InvariantCulture)));
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Model {InlineCode(mixed.Formula)} ({mixed.Estimation}), {mixed.Observations} observations of {mixed.Subjects} subjects")
            + (references.Count == 0 ? "." : "; reference levels (treatment contrasts): " + string.Join(", ", references) + ".")
            + (mixed.TypeI is null ? " Type III F tests" : " Type I (sequential) F tests, each term after those before it in the formula,")
            + (mixed.DegreesOfFreedom == DegreesOfFreedomNames.KenwardRoger
                ? " and t-tests use Kenward-Roger's degrees of freedom (Kenward and Roger 1997) and F scaling; standard errors come from the Kenward-Roger adjusted covariance of the fixed effects."
                : " and t-tests use Satterthwaite's degrees of freedom."));

        if (mixed.LevelLabels is { Count: > 0 } labelled)
        {
            notes.Add(LevelKeyNote(labelled));
        }

        if (mixed.NotEstimable is { Count: > 0 } aliased)
        {
            notes.Add("The fixed-effects design is rank deficient: " + string.Join(", ", aliased.Select(InlineCode))
                + " cannot be estimated (aliased with other columns, e.g. an empty group × time cell) and were dropped, as lme4 does; type III tests use the columns kept.");
        }

        if (mixed.VisitContrasts is { Count: > 0 } visitContrasts && mixed.VisitMeans is { } visitMeans)
        {
            VisitMeansTables(mixed.VisitResponseMeans ?? visitMeans, mixed.VisitResponseContrasts ?? visitContrasts, mixed.MeansFactor, mixed.ContrastAdjust,
                mixed.VisitResponseMeans is not null, notes, tables);
        }

        tables.Add(new MarkdownTable(
            new[] { mixed.TypeI is null ? "Term (type III)" : "Term (type I)", "NumDF", "DenDF", "F", "p" },
            "|---|--:|--:|--:|--:|",
            (mixed.TypeI ?? mixed.TypeIII).Select(t => Row(Cell(t.Term), F.Count(t.NumeratorDf), F.DegreesOfFreedom(t.DenominatorDf), F.Statistic(t.F), F.PValue(t.PValue))).ToArray()));

        tables.Add(new MarkdownTable(
            new[] { "Fixed effect", "Estimate", "SE", "df", "t", "p" },
            "|---|--:|--:|--:|--:|--:|",
            mixed.FixedEffects.Select(f => Row(Cell(f.Term), F.Estimate(f.Estimate), F.Estimate(f.StandardError), F.DegreesOfFreedom(f.DegreesOfFreedom),
                F.Statistic(f.T), F.PValue(f.PValue))).ToArray()));

        if (mixed.MarginalMeans is { Count: > 0 } means)
        {
            int cells = (mixed.GroupLevels?.Count ?? 1) * (mixed.TimeLevels?.Count ?? 1);
            if (mixed.FixedEffects.Count + (mixed.NotEstimable?.Count ?? 0) != cells)
            {
                notes.Add("Marginal means are emmeans' reference-grid means: other factors averaged with equal weights over their levels, numeric variables at their mean over the fitted rows.");
            }

            tables.Add(new MarkdownTable(
                new[] { "Estimated marginal mean: " + (mixed.GroupTerm ?? "group"), "Time", "Estimate" + (mixed.Formula.StartsWith("log(", System.StringComparison.Ordinal) ? " (log scale)" : string.Empty), "SE", "df", "95% CI" },
                "|---|--:|--:|--:|--:|--:|",
                means.Select(m => Row(Cell(m.Group), m.Time.ToString("R", CultureInfo.InvariantCulture), F.Estimate(m.Estimate), F.Estimate(m.StandardError),
                    F.DegreesOfFreedom(m.DegreesOfFreedom), double.IsNaN(m.Estimate) ? "not estimable" : $"{F.Estimate(m.Lower)} to {F.Estimate(m.Upper)}")).ToArray()));
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

    /// <summary>The key from coded levels to labels, for models whose term names use the codes (<c>sex2</c>), as R names them.</summary>
    private static string LevelKeyNote(IReadOnlyList<LevelLabelsRow> labelled) =>
        "Terms name levels by their codes: " + string.Join("; ", labelled.Select(v =>
            InlineCode(v.Variable) + " " + string.Join(", ", v.Levels.Select((level, i) => InlineCode(level) + " = " + Cell(v.Labels[i]))))) + ".";
}
