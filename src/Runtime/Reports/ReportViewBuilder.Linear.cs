using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>A linear model as a paper reports it: one row per coefficient, the fit, then the ANOVA table.</summary>
    private static void LinearSection(LinearModelResult linear, List<string> notes, List<MarkdownTable> tables)
    {
        string se = linear.Robust is null
            ? "classical standard errors"
            : $"{linear.Robust} heteroscedasticity-robust standard errors (R sandwich::vcovHC(fit, type = \"{linear.Robust}\"))";
        notes.Add($"Linear regression of {Code(linear.Response)} by least squares, R lm(); estimates with 95% CIs and t tests on {F.DegreesOfFreedom(linear.DegreesOfFreedom)} df from {se}. "
            + "Factors in treatment contrasts: each level against the reference level.");
        tables.Add(new MarkdownTable(
            new[] { "Term", "Estimate (95% CI)", "SE", "t", "p" },
            "|---|--:|--:|--:|--:|",
            linear.Coefficients.Select(LinearTermRow).ToArray()));
        tables.Add(new MarkdownTable(
            new[] { "Model", "Value" },
            "|---|--:|",
            new[]
            {
                Row("Subjects analysed (n)", F.Count(linear.N)),
                Row("Left out (missing values)", F.Count(linear.Excluded)),
                Row("Residual standard error (df)", $"{F.Estimate(linear.ResidualStandardError)} ({F.DegreesOfFreedom(linear.DegreesOfFreedom)})"),
                Row("R², adjusted R²", $"{F.Estimate(linear.RSquared)}, {F.Estimate(linear.AdjustedRSquared)}"),
                Row("F test (all terms)", string.Create(CultureInfo.InvariantCulture,
                    $"F = {F.Estimate(linear.F.Statistic)} on {F.DegreesOfFreedom(linear.F.NumeratorDegreesOfFreedom)} and {F.DegreesOfFreedom(linear.F.DenominatorDegreesOfFreedom)} df, p = {F.PValue(linear.F.PValue)}")),
                Row("Log-likelihood, AIC, BIC", $"{F.Estimate(linear.LogLikelihood)}, {F.Estimate(linear.Aic)}, {F.Estimate(linear.Bic)}"),
            }));
        if (linear.Anova is { } anova)
        {
            string how = anova.Type switch
            {
                "I" => "sequential sums of squares, R anova(fit)",
                "II" => "each term after the terms that do not contain it, R car::Anova(fit, type = 2)",
                _ => "each term after all others, with sum-to-zero contrasts, R car::Anova(fit, type = 3) under options(contrasts = c(\"contr.sum\", \"contr.poly\"))",
            };
            notes.Add($"ANOVA table, type {anova.Type}: {how}.");
            tables.Add(new MarkdownTable(
                new[] { $"ANOVA (type {anova.Type})", "df", "Sum of squares", "Mean square", "F", "p" },
                "|---|--:|--:|--:|--:|--:|",
                anova.Rows.Select(r => Row(Code(r.Term), F.DegreesOfFreedom(r.DegreesOfFreedom), F.Estimate(r.SumOfSquares), F.Estimate(r.MeanSquare),
                    r.Term == "Residuals" ? NotApplicable : F.Estimate(r.F), r.Term == "Residuals" ? NotApplicable : F.PValue(r.PValue))).ToArray()));
        }

        if (linear.Means is { } means)
        {
            LinearMeansSection(means, notes, tables);
        }
    }

    private static IReadOnlyList<string> LinearTermRow(LinearTermResult t) => t.Status == "aliased"
        ? Row(Cell(t.Label), "NA (aliased)", NotApplicable, NotApplicable, NotApplicable)
        : Row(Cell(t.Label), F.Interval(t.Estimate, t.Low, t.High), F.Estimate(t.StandardError), F.Estimate(t.T), F.PValue(t.PValue));
}
