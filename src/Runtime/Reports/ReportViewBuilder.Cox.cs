using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>A Cox model as a paper reports it: one row per term, then the model's counts and tests.</summary>
    private static void CoxSection(CoxResult cox, List<string> notes, List<MarkdownTable> tables)
    {
        // Efron and Breslow read as they always have; the exact likelihood also names its R call.
        string ties = CoxTiesNames.Describe(cox.Ties);
        string call = cox.Ties == "exact" ? "R survival::coxph(ties = \"exact\")" : "R survival::coxph";
        string strata = cox.Strata.Count == 0 ? string.Empty : "; stratified by " + string.Join(", ", cox.Strata.Select(Code));
        notes.Add($"Cox proportional hazards, {ties}, {call}{strata}. Hazard ratios with Wald 95% CIs; p from the Wald z test.");
        tables.Add(new MarkdownTable(
            new[] { "Term", "HR (95% CI)", "coef", "SE", "z", "p" },
            "|---|--:|--:|--:|--:|--:|",
            cox.Terms.Select(CoxTermRow).ToArray()));
        var rows = new List<IReadOnlyList<string>>
            {
                Row("Method", $"Cox proportional hazards, {ties}, {call}"),
                Row("Subjects analysed (n)", F.Count(cox.N)),
                Row("Left out (missing values)", F.Count(cox.Excluded)),
                Row("Events", F.Count(cox.Events)),
                Row("Likelihood-ratio test", CoxTestText(cox.LikelihoodRatio)),
                Row("Wald test", CoxTestText(cox.Wald)),
                Row("Score (log-rank) test", CoxTestText(cox.Score)),
                Row("Concordance (Harrell's C, SE)", cox.Engine is null
                    ? $"{F.Estimate(cox.Concordance)} (SE {F.Estimate(cox.ConcordanceStandardError)})"
                    : "not available from an engine"),
                Row("Log-likelihood (null, final)", $"{F.Estimate(cox.LogLikelihoodNull)}, {F.Estimate(cox.LogLikelihood)}"),
                Row("AIC, BIC (n = events)", $"{F.Estimate(cox.Aic)}, {F.Estimate(cox.Bic)}"),
                Row("Newton-Raphson iterations", F.Count(cox.Iterations) + (cox.Converged ? string.Empty : " (did not converge)")),
            };
        if (cox.Engine is { } engine)
        {
            // Said plainly: an engine fit has no concordance (a blank cell would read as a missing number), and what the fit cost.
            rows.Add(Row("Engine queries (rows received; " + engine.ReceivedUnit + " received)",
                string.Create(CultureInfo.InvariantCulture, $"{engine.Queries} ({engine.RowsReceived}; {engine.Received})")));
            notes.Add("Fitted in the engine from per-time sums (one query per evaluation of the partial likelihood); no row was read into memory. Not computed: "
                + engine.NotAvailable + ".");
        }

        tables.Add(new MarkdownTable(new[] { "Model", "Value" }, "|---|--:|", rows.ToArray()));
        if (cox.ProportionalHazards is { } ph)
        {
            ProportionalHazardsTable(ph, notes, tables);
        }

        if (cox.Subgroups is { } subgroups)
        {
            SubgroupTable(cox, subgroups, notes, tables);
        }
    }

    /// <summary>cox.zph on its time scale: one row per term and the global test; a small p questions proportional hazards.</summary>
    private static void ProportionalHazardsTable(CoxProportionalHazardsResult ph, List<string> notes, List<MarkdownTable> tables)
    {
        string scale = ph.Transform switch
        {
            "rank" => "the rank of t among all subjects' times",
            "identity" => "t",
            "log" => "log(t)",
            _ => "1 − KM(t)",
        };
        notes.Add($"Proportional-hazards test (Grambsch & Therneau 1994) as R survival::cox.zph(fit, transform = \"{ph.Transform}\", terms = TRUE): "
            + $"a score test of each term's coefficient changing linearly with {scale}; a small p questions proportional hazards."
            + (ph.Reason is null ? string.Empty : " Not computed: " + ph.Reason + "."));
        tables.Add(new MarkdownTable(
            new[] { "Proportional hazards (cox.zph)", "χ²", "df", "p" },
            "|---|--:|--:|--:|",
            ph.Tests.Select(t => Row(Cell(t.Label), F.Estimate(t.ChiSquare), F.DegreesOfFreedom(t.DegreesOfFreedom), F.PValue(t.PValue))).ToArray()));
    }

    private static IReadOnlyList<string> CoxTermRow(CoxTermResult t)
    {
        string hr = t.Status switch
        {
            "aliased" => "NA (not estimable)",
            "possibly_infinite" => F.Estimate(t.HazardRatio) + " (may be infinite; no CI)",
            _ => F.Ratio(t.HazardRatio, t.HazardRatioLow, t.HazardRatioHigh),
        };
        return Row(Cell(t.Label), hr, F.Estimate(t.Coefficient), F.Estimate(t.StandardError), F.Estimate(t.Z), F.PValue(t.PValue));
    }

    private static string CoxTestText(CoxTestResult t) =>
        string.Create(CultureInfo.InvariantCulture, $"χ² = {F.Estimate(t.Statistic)}, df = {F.DegreesOfFreedom(t.DegreesOfFreedom)}, p = {F.PValue(t.PValue)}");
}
