using System;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private const string ModelsPending = "not implemented yet (issue #3)";

    /// <summary>Kaplan-Meier survival by group at the given times. Recorded as "not implemented yet".</summary>
    public void KaplanMeier(string source, TimeToEventVariable outcome, System.Collections.Generic.IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(times);
        RequireCohort(outcome);
        string at = times.Count == 0 ? string.Empty : "; survival at " + string.Join(", ", times.Select(ModelText.Number));
        Record("kaplan_meier", source, ResultStatus.NotImplemented, "Kaplan-Meier estimator with Greenwood variance, R survival::survfit",
            $"Kaplan-Meier estimation is {ModelsPending}", ModelText.Outcome(outcome) + " by group" + at, StatisticsWarnings.None);
    }

    /// <summary>A log-rank (rho = 0) or Harrington-Fleming test across groups. Recorded as "not implemented yet".</summary>
    public void LogRank(string source, TimeToEventVariable outcome, double rho, Variable? strata)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(outcome);
        RequireCohort(outcome);
        string spec = ModelText.Outcome(outcome) + " by group; rho = " + ModelText.Number(rho)
            + (strata is null ? string.Empty : "; strata: " + strata.Name);
        Record("logrank", source, ResultStatus.NotImplemented,
            string.Create(CultureInfo.InvariantCulture, $"G-rho family test with rho = {ModelText.Number(rho)} (log-rank for rho = 0), R survival::survdiff"),
            $"the log-rank test is {ModelsPending}", spec, StatisticsWarnings.None);
    }

    /// <summary>A Cox proportional-hazards model. Recorded as "not implemented yet".</summary>
    public void Cox(string source, CoxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(spec);
        RequireCohort(spec.Outcome);
        string ties = spec.Ties == TiesMethod.Efron ? "efron" : "breslow";
        Record("cox", source, ResultStatus.NotImplemented,
            $"Cox proportional-hazards regression, ties = \"{ties}\", R survival::coxph",
            $"Cox regression is {ModelsPending}", ModelText.Cox(spec), StatisticsWarnings.None);
    }
}
