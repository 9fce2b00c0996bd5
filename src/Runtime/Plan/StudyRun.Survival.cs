using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private const double SurvivalConfidenceLevel = 0.95;

    /// <summary>
    /// Kaplan-Meier curves by group (pointwise CI of type <paramref name="confType"/>; log is R's
    /// default), with the median and its CI, survival at <paramref name="times"/> and the restricted
    /// mean up to the outcome's horizon (else the last requested time). Subjects with a missing time
    /// or event are left out and counted. With <paramref name="confBand"/> the report's figure draws the
    /// pointwise CI as bands (recorded as <see cref="KaplanMeierResult.ConfBand"/>).
    /// </summary>
    public void KaplanMeier(string source, TimeToEventVariable outcome, IReadOnlyList<double> times, SurvivalConfType confType = SurvivalConfType.Log, bool confBand = false) =>
        KaplanMeier(Derived(source), outcome, times, confType, confBand);

    /// <inheritdoc cref="KaplanMeier(string, TimeToEventVariable, IReadOnlyList{double}, SurvivalConfType, bool)"/>
    public void KaplanMeier(AnalysisInfo analysis, TimeToEventVariable outcome, IReadOnlyList<double> times, SurvivalConfType confType = SurvivalConfType.Log, bool confBand = false)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(times);
        ForEachScope(analysis, "kaplan_meier", [outcome], scoped => KaplanMeier(scoped, scoped.Map(outcome), times, confType, confBand));
    }

    private void KaplanMeier(ScopedAnalysis analysis, TimeToEventVariable outcome, IReadOnlyList<double> times, SurvivalConfType confType, bool confBand)
    {
        Cohort cohort = analysis.Cohort;
        string at = times.Count == 0 ? string.Empty : "; survival at " + string.Join(", ", times.Select(ModelText.Number));
        string specification = ModelText.Outcome(outcome) + " " + AnalysisScopeResult.GroupingWords(analysis.Result) + at
            + (confType == SurvivalConfType.Log ? string.Empty : "; conf_type " + (confType == SurvivalConfType.LogLog ? "log_log" : "plain"))
            + (confBand ? "; conf_band" : string.Empty);
        (SurvivalConfidence confidence, string rName) = confType switch
        {
            SurvivalConfType.LogLog => (SurvivalConfidence.LogLog, "log-log"),
            SurvivalConfType.Plain => (SurvivalConfidence.Plain, "plain"),
            _ => (SurvivalConfidence.Log, "log"),
        };
        string method = $"Kaplan-Meier, Greenwood SE, {rName} CI, R survival::survfit(conf.type = \"{rName}\")";

        // Gather: the counts per (group, time) from the engine, or from the cohort's columns; the rest is shared.
        int leftOut = 0;
        KaplanMeierFit fit = outcome.EngineOutcome is null
            ? Statistics.Survival.KaplanMeier.Fit(
                SurvivalCounts.FromRanks(outcome.Times, TimeRanks(outcome), outcome.Events, cohort.GroupCodes, cohort.GroupNames.Count), confidence)
            : Statistics.Survival.KaplanMeier.Fit(EngineSurvivalCounts(outcome, out leftOut), confidence);
        fit = outcome.EngineOutcome is null ? fit : fit with { LeftOut = leftOut };
        double? horizon = outcome.Horizon ?? (times.Count > 0 ? times.Max() : null);
        var warnings = new List<WarningResult>(NotFiniteWarnings([outcome]));
        WarnLeftOut(outcome, fit.LeftOut, cohort, warnings);
        var groups = new List<KaplanMeierGroup>(fit.Curves.Count);
        foreach (KaplanMeierCurve curve in fit.Curves)
        {
            string name = cohort.GroupNames[curve.Group];
            if (curve.N == 0)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.EmptyGroup, $"{name}: the group has no analysed subjects with a time and an event; its estimates are NA"));
            }
            else
            {
                warnings.AddRange(curve.Warnings.Select(w => StatisticsWarnings.Warning(StatisticsWarnings.SurvivalEdgeCase, $"{name}: {w}")));
            }

            IReadOnlyList<SurvivalAtTime> estimates = curve.At(times);
            double[] beyond = estimates.Where(e => !e.Estimable).Select(e => e.Time).ToArray();
            if (curve.N > 0 && beyond.Length > 0)
            {
                warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.SurvivalBeyondFollowUp, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: no estimate at {string.Join(", ", beyond.Select(ModelText.Number))}, after the group's last observation at {ModelText.Number(curve.Time[^1])} (R's summary(fit, times) drops such times); shown as NA")));
            }

            (double rmean, double rmeanSe) = horizon is { } h ? curve.RestrictedMean(h) : (double.NaN, double.NaN);
            groups.Add(new KaplanMeierGroup(
                name,
                cohort.GroupLabels[curve.Group],
                curve.N,
                curve.Events,
                curve.Median,
                curve.MedianLower,
                curve.MedianUpper,
                estimates.Select(e => new SurvivalEstimate(e.Time, e.Estimable, e.NRisk, e.Survival, e.StdErr, e.Lower, e.Upper, e.CumulativeHazard, e.CumulativeHazardStdErr)).ToArray(),
                horizon is null ? null : rmean,
                horizon is null ? null : rmeanSe,
                Enumerable.Range(0, curve.Time.Count)
                    .Select(i => new KaplanMeierRow(curve.Time[i], curve.NRisk[i], curve.NEvent[i], curve.NCensor[i], curve.Survival[i], curve.StdErr[i], curve.Lower[i], curve.Upper[i],
                        curve.CumulativeHazard[i], curve.CumulativeHazardStdErr[i]))
                    .ToArray()));
        }

        var result = new KaplanMeierResult(outcome.Name, outcome.Label, outcome.Unit, rName, SurvivalConfidenceLevel, times.ToArray(), horizon, fit.LeftOut, groups)
        {
            ConfBand = confBand ? true : null,
        };
        Record(analysis, new AnalysisResult(0, analysis.Id, "kaplan_meier", analysis.Source, ResultStatus.Ok, method, null, specification, warnings, KaplanMeier: result));
    }

    /// <summary>
    /// The G-rho test across groups (rho = 0: log-rank; rho = 1: Peto-Peto), stratified by a binary
    /// or categorical variable when given. Subjects with a missing time, event or stratum are left out and counted.
    /// With <paramref name="pairwise"/>, every pair of groups is also tested on its own subjects (same
    /// rho and strata) and the pairs' p-values are adjusted together (see <see cref="LogRankPairs"/>).
    /// </summary>
    public void LogRank(string source, TimeToEventVariable outcome, double rho, Variable? strata, AdjustMethod? pairwise = null) =>
        LogRank(Derived(source), outcome, rho, strata, pairwise);

    /// <inheritdoc cref="LogRank(string, TimeToEventVariable, double, Variable?, AdjustMethod?)"/>
    public void LogRank(AnalysisInfo analysis, TimeToEventVariable outcome, double rho, Variable? strata, AdjustMethod? pairwise = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(outcome);
        Variable[] variables = strata is null ? [outcome] : [outcome, strata];
        ForEachScope(analysis, "logrank", variables, scoped => LogRank(scoped, scoped.Map(outcome), strata is null ? null : scoped.Map(strata), rho, pairwise));
    }

    private void LogRank(ScopedAnalysis analysis, TimeToEventVariable outcome, Variable? strata, double rho, AdjustMethod? pairwise)
    {
        Cohort cohort = analysis.Cohort;
        string specification = ModelText.Outcome(outcome) + " " + AnalysisScopeResult.GroupingWords(analysis.Result) + "; rho = " + ModelText.Number(rho)
            + (strata is null ? string.Empty : "; strata: " + strata.Name);
        string call = strata is null ? "Surv(time, status) ~ group" : $"Surv(time, status) ~ group + strata({strata.Name})";
        string method = string.Create(CultureInfo.InvariantCulture,
            $"{(rho == 0 ? "Log-rank test" : rho == 1 ? "Peto-Peto test (G-rho, rho = 1)" : $"G-rho test (rho = {ModelText.Number(rho)})")}, R survival::survdiff({call}, rho = {ModelText.Number(rho)})")
            + (pairwise is { } adjust ? PairwiseMethod(adjust) : string.Empty);
        specification += pairwise is { } a ? "; pairwise, adjust = " + CompareMethod.AdjustName(a) : string.Empty;

        int[] strataCodes = Array.Empty<int>();
        int strataCount = 1;
        if (strata is not null)
        {
            switch (strata)
            {
                case CategoricalVariable c:
                    strataCodes = c.CodeArray;
                    strataCount = Math.Max(1, c.Levels.Count);
                    break;
                case BinaryVariable b:
                    strataCodes = b.CodeArray;
                    strataCount = 2;
                    break;
                default:
                    string reason = $"strata must be a binary or categorical variable; '{strata.Name}' is {strata.KindName}";
                    Record(analysis, "logrank", ResultStatus.Failed, method, reason, specification,
                        new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, reason) });
                    return;
            }
        }

        // Gather: the counts per (stratum, group, time) from the engine, or from the columns; the test and the pairs share them.
        int engineLeftOut = 0;
        SurvivalCounts counts = outcome.EngineOutcome is null
            ? SurvivalCounts.FromRanks(outcome.Times, TimeRanks(outcome), outcome.Events, cohort.GroupCodes, cohort.GroupNames.Count, strataCodes, strataCount)
            : EngineSurvivalCounts(outcome, out engineLeftOut, strata);
        LogRankResult test = Statistics.Survival.LogRank.Test(counts, rho);
        test = outcome.EngineOutcome is null ? test : test with { LeftOut = engineLeftOut };
        var warnings = new List<WarningResult>(NotFiniteWarnings([outcome, strata]));
        WarnLeftOut(outcome, test.LeftOut, cohort, warnings, strata);
        bool undefined = double.IsNaN(test.PValue);
        string code = undefined ? StatisticsWarnings.TestUndefined : StatisticsWarnings.TestCaveat;
        warnings.AddRange(test.Warnings.Select(w => StatisticsWarnings.Warning(code, GroupNamesIn(w, cohort))));
        for (int g = 0; g < cohort.GroupNames.Count; g++)
        {
            if (test.N[g] > 0 && test.Observed[g] == 0 && test.Expected[g] > 0)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LogRankGroupWithoutEvents, string.Create(CultureInfo.InvariantCulture,
                    $"{cohort.GroupNames[g]}: no events in the group (observed 0, expected {test.Expected[g]:G3}); the test is defined, but this group's hazard cannot be estimated (its Kaplan-Meier curve stays at 1)")));
            }
        }

        var groups = Enumerable.Range(0, cohort.GroupNames.Count)
            .Select(g => new LogRankGroup(cohort.GroupNames[g], cohort.GroupLabels[g], test.N[g], test.Observed[g], test.Expected[g]))
            .ToArray();
        IReadOnlyList<LogRankPair>? pairs = pairwise is { } method2
            ? LogRankPairs(counts, cohort, rho, method2, warnings)
            : null;
        var outcomeResult = new LogRankOutcome(outcome.Name, outcome.Label, rho, strata?.Name, groups, test.ChiSquare, test.DegreesOfFreedom, test.PValue, test.LeftOut,
            pairwise is { } m ? CompareMethod.AdjustName(m) : null, pairs);
        // R's survdiff stops with "There is only 1 group"; here the test is recorded as not estimable.
        List<string> present = outcome.EngineOutcome is null
            ? GroupsWithSurvivalData(outcome, cohort)
            : Enumerable.Range(0, cohort.GroupNames.Count).Where(g => test.N[g] > 0).Select(g => cohort.GroupNames[g]).ToList();
        string status = ResultStatus.Ok;
        string? notEstimable = null;
        if (present.Count < 2)
        {
            status = ResultStatus.NotEstimable;
            notEstimable = present.Count == 0
                ? "no group has analysed subjects with a time and an event"
                : $"only group '{present[0]}' has analysed subjects with a time and an event; a log-rank test needs at least two";
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.TooFewGroups, notEstimable));
        }

        Record(analysis, new AnalysisResult(0, analysis.Id, "logrank", analysis.Source, status, method, notEstimable, specification, warnings, LogRank: outcomeResult));
    }

    /// <summary>The kernel numbers groups from 1; results name them.</summary>
    private static string GroupNamesIn(string warning, Cohort cohort)
    {
        for (int g = cohort.GroupNames.Count; g >= 1; g--)
        {
            warning = warning.Replace($"group {g} ", $"group {cohort.GroupNames[g - 1]} ", StringComparison.Ordinal);
        }

        return warning;
    }

    private static void WarnLeftOut(TimeToEventVariable outcome, int leftOut, Cohort cohort, List<WarningResult> warnings, Variable? strata = null)
    {
        if (leftOut == 0)
        {
            return;
        }

        string what = strata is null ? "a missing time or event" : $"a missing time, event or {strata.Name}";
        warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MissingValuesLeftOut, string.Create(CultureInfo.InvariantCulture,
            $"'{outcome.Name}': {leftOut} of {cohort.Count} subject(s) with {what} left out")));
    }
}
