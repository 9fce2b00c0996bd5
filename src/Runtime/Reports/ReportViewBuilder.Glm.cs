using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>A GLM as a paper reports it: odds (rate) ratios with profile-likelihood and Wald CIs, then the fit.</summary>
    private static void GlmSection(GlmModelResult glm, List<string> notes, List<MarkdownTable> tables)
    {
        bool logistic = glm.Family == "binomial";
        string ratio = logistic ? "Odds ratio" : "Rate ratio";
        string call = glm.Family switch
        {
            "binomial" => "Logistic regression, R glm(family = binomial)",
            "quasipoisson" => "Quasi-Poisson regression, R glm(family = quasipoisson), t tests with the estimated dispersion",
            "negative_binomial" => "Negative binomial regression, R MASS::glm.nb()",
            _ => "Poisson regression, R glm(family = poisson)",
        };
        string offset = glm.Offset is null ? string.Empty : $" with offset {Code(glm.Offset)}";
        notes.Add($"{call} of {Code(glm.Response)}{offset}; {ratio.ToLowerInvariant()}s exp(coef) with profile-likelihood 95% CIs (R confint(fit)) and Wald 95% CIs (confint.default(fit)); "
            + "factors in treatment contrasts: each level against the reference level.");
        tables.Add(new MarkdownTable(
            new[] { "Term", $"{ratio} (95% profile CI)", "Wald 95% CI", "Estimate (SE)", glm.Family == "quasipoisson" ? "t" : "z", "p" },
            "|---|--:|--:|--:|--:|--:|",
            glm.Coefficients.Select(GlmTermRow).ToArray()));
        var rows = new List<IReadOnlyList<string>>
        {
            Row("Subjects analysed (n)", F.Count(glm.N)),
            Row("Left out (missing values)", F.Count(glm.Excluded)),
            Row("Residual deviance (df)", $"{F.Estimate(glm.Deviance)} ({F.DegreesOfFreedom(glm.ResidualDf)})"),
            Row("Null deviance (df)", $"{F.Estimate(glm.NullDeviance)} ({F.DegreesOfFreedom(glm.NullDf)})"),
            Row("AIC", double.IsNaN(glm.Aic) ? NotApplicable : F.Estimate(glm.Aic)),
        };
        if (glm.Family == "quasipoisson")
        {
            rows.Add(Row("Dispersion", F.Estimate(glm.Dispersion)));
        }

        if (glm.Family == "negative_binomial")
        {
            rows.Add(Row("θ", F.Estimate(glm.Theta)));
        }

        tables.Add(new MarkdownTable(new[] { "Model", "Value" }, "|---|--:|", rows.ToArray()));
        if (glm.Means is { } means)
        {
            LinearMeansSection(means, notes, tables);
        }
    }

    private static IReadOnlyList<string> GlmTermRow(GlmTermResult t) => t.Status == "aliased"
        ? Row(Cell(t.Label), "NA (aliased)", NotApplicable, NotApplicable, NotApplicable, NotApplicable)
        : Row(Cell(t.Label),
            t.Term == "(Intercept)" ? NotApplicable : F.Ratio(t.Ratio, t.RatioProfileLow, t.RatioProfileHigh),
            t.Term == "(Intercept)" ? NotApplicable : $"{Limit(t.RatioWaldLow, t.Ratio)}, {Limit(t.RatioWaldHigh, t.Ratio)}",
            $"{F.Estimate(t.Estimate)} ({F.Estimate(t.StandardError)})", F.Estimate(t.Statistic), F.PValue(t.PValue));

    /// <summary>A limit with the decimals of its ratio; one not reached (NaN, e.g. under separation) shows as "NA", not a number.</summary>
    private static string Limit(double value, double ratio) => F.Fixed(value, ReportNumberFormat.RatioDecimals(ratio));
}
