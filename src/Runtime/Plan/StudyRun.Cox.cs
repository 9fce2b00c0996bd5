using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// A Cox proportional-hazards model, fitted as R's <c>survival::coxph</c>: the group factor
    /// and categorical covariates in treatment contrasts against their reference (the named
    /// reference, else the first level, as R), numeric covariates as they are, optional strata.
    /// Subjects with a missing time, event, covariate or stratum are left out and counted.
    /// Times beyond the outcome's horizon arrive censored at the horizon (see <see cref="Variables.TimeToEvent{TRow}"/>).
    /// </summary>
    public void Cox(string source, CoxSpec spec) => Cox(Derived(source), spec);

    /// <inheritdoc cref="Cox(string, CoxSpec)"/>
    public void Cox(AnalysisInfo analysis, CoxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(spec);
        Variable[] variables = spec.Terms.SelectMany(t => t.Variables).Distinct().Concat(spec.Strata).Prepend(spec.Outcome)
            .Concat(spec.Subgroups?.Factors.SelectMany(f => f.Variables) ?? []).ToArray();
        ForEachScope(analysis, "cox", variables, scoped => Cox(scoped, scoped.Map(spec)));
    }

    private void Cox(ScopedAnalysis analysis, CoxSpec spec)
    {
        Cohort cohort = analysis.Cohort;

        CoxTies coxTies = KernelTies(spec.Ties);
        string ties = CoxTiesNames.RName(coxTies);
        string method = $"Cox proportional hazards, {CoxTiesNames.Describe(ties)}, R survival::coxph(ties = \"{ties}\")"
            + "; Wald 95% CI for hazard ratios; concordance with SE as R concordance(fit)"
            + (spec.Zph == ZphTransform.None ? string.Empty : $"; proportional hazards as R cox.zph(fit, transform = \"{ZphName(spec.Zph)}\", terms = TRUE)")
            + CoxSubgroupAnalysis.Method(spec);
        string specification = ModelText.Cox(spec, ScopedCohort.GroupTermOf(cohort));
        if (spec.Outcome.EngineOutcome is not null)
        {
            EngineCox(analysis, spec, coxTies, method.Replace("; concordance with SE as R concordance(fit)", "; fitted in the engine from per-time sums (no concordance)", StringComparison.Ordinal), specification);
            return;
        }

        var covariates = new List<CoxCovariate>();
        var labels = new Dictionary<string, Func<string?, string>>(StringComparer.Ordinal);
        foreach (CoxTerm term in spec.Terms)
        {
            string? problem = CoxCovariates.Add(term, spec.Terms, cohort, covariates, labels);
            if (problem is not null)
            {
                string code = term.IsGroup ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.TestDoesNotFit;
                Record(analysis, "cox", ResultStatus.Failed, method, problem, specification, new[] { StatisticsWarnings.Warning(code, problem) });
                return;
            }
        }

        if (CoxSubgroupAnalysis.Problem(spec) is { } subgroupProblem)
        {
            Record(analysis, "cox", ResultStatus.Failed, method, subgroupProblem, specification, new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, subgroupProblem) });
            return;
        }

        (double[] time, int[] events) = (spec.Outcome.TimeArray, spec.Outcome.EventArray); // censored at the horizon by Variables.TimeToEvent
        int[] strata = spec.Strata.Count == 0 ? Array.Empty<int>() : CoxCovariates.StratumCodes(spec.Strata);
        CoxDesign design = CoxDesign.Build(covariates, time, events, strata, TimeRanks(spec.Outcome));
        var warnings = new List<WarningResult>(NotFiniteWarnings(spec.Terms.SelectMany(t => t.Variables).Distinct().Concat(spec.Strata).Prepend<Variable?>(spec.Outcome)));
        if (design.Excluded > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.CoxSubjectsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"{design.Excluded} subject(s) with a missing time, event, covariate or stratum left out of the Cox model ({design.Rows.Length} analysed)")));
        }

        if (spec.Terms.Any(t => t.IsGroup) && GroupsWithSurvivalData(spec.Outcome, cohort) is { Count: < 2 } present)
        {
            // R's coxph reports the group coefficients as NA ("X matrix deemed to be singular"); say why.
            warnings.Add(GroupTermNotEstimable(present));
        }

        // Without cox.zph and subgroups nothing reads the design's columns after the fit: the fit lets them go.
        CoxFit fit = spec.Zph == ZphTransform.None && spec.Subgroups is null ? design.FitReleasingColumns(coxTies) : design.Fit(coxTies);
        List<CoxTermResult> terms = CoxTerms(fit, design.Terms, column => labels[column.Covariate](column.Level), warnings);

        CoxProportionalHazardsResult? ph = spec.Zph == ZphTransform.None ? null : ProportionalHazards(design, fit, spec, ScopedCohort.GroupTermOf(cohort), warnings);
        CoxSubgroupsResult? subgroups = spec.Subgroups is null ? null
            : CoxSubgroupAnalysis.Run(spec, cohort, covariates, labels, design, fit, strata, coxTies, warnings);
        static CoxTestResult Test(string name, CoxGlobalTest t) => new(name, t.Statistic, t.DegreesOfFreedom, t.PValue);
        var result = new CoxResult(ties, spec.Strata.Select(s => s.Name).ToArray(), fit.N, design.Excluded, fit.Events, fit.Iterations, fit.Converged, terms,
            fit.LogLikelihoodNull, fit.LogLikelihood, Test("likelihood_ratio", fit.LikelihoodRatio), Test("wald", fit.Wald), Test("score", fit.Score), fit.Concordance,
            fit.ConcordanceStandardError, ph)
        {
            Outcome = spec.Outcome.Name,
            Aic = CoxModelSummary.Aic(fit),
            Bic = CoxModelSummary.Bic(fit),
            Vcov = CoxModelSummary.VarianceCovariance(fit),
            Subgroups = subgroups,
        };
        string status = fit.Events == 0 ? ResultStatus.NotEstimable : ResultStatus.Ok;
        string? reason = fit.Events == 0 ? "there are no events among the analysed subjects" : null;
        Record(analysis, new AnalysisResult(0, analysis.Id, "cox", analysis.Source, status, method, reason, specification, warnings, Cox: result));
    }

    /// <summary>The groups (in declared order) with at least one subject whose time and event are both present.</summary>
    private static List<string> GroupsWithSurvivalData(TimeToEventVariable outcome, Cohort cohort)
    {
        var present = new bool[cohort.GroupNames.Count];
        for (int i = 0; i < outcome.TimeArray.Length; i++)
        {
            int g = cohort.GroupCodeArray[i];
            if (g >= 0 && g < present.Length && !double.IsNaN(outcome.TimeArray[i]) && outcome.EventArray[i] >= 0)
            {
                present[g] = true;
            }
        }

        return Enumerable.Range(0, present.Length).Where(g => present[g]).Select(g => cohort.GroupNames[g]).ToList();
    }

    /// <summary>The kernel's ties method for the plan's.</summary>
    internal static CoxTies KernelTies(TiesMethod ties) => ties switch
    {
        TiesMethod.Breslow => CoxTies.Breslow,
        TiesMethod.Exact => CoxTies.Exact,
        _ => CoxTies.Efron,
    };

    /// <summary>cox.zph's <c>transform</c> argument for <paramref name="zph"/> (not <see cref="ZphTransform.None"/>).</summary>
    internal static string ZphName(ZphTransform zph) => zph switch
    {
        ZphTransform.Rank => "rank",
        ZphTransform.Identity => "identity",
        ZphTransform.Log => "log",
        _ => "km",
    };

    /// <summary>cox.zph for the fitted model on the spec's time scale, each term labelled as the reader knows it.</summary>
    private static CoxProportionalHazardsResult ProportionalHazards(CoxDesign design, CoxFit fit, CoxSpec spec, string groupTerm, List<WarningResult> warnings)
    {
        CoxZphTransform transform = spec.Zph switch
        {
            ZphTransform.Rank => CoxZphTransform.Rank,
            ZphTransform.Identity => CoxZphTransform.Identity,
            ZphTransform.Log => CoxZphTransform.Log,
            _ => CoxZphTransform.Km,
        };
        CoxZph zph = CoxProportionalHazardsTest.Test(design, fit, transform);
        if (zph.Warning is not null && fit.Events > 0)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxProportionalHazardsUndefined, zph.Warning));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CoxTerm term in spec.Terms)
        {
            labels.TryAdd(term.NameIn(groupTerm), CoxInteractions.Label(term, groupTerm));
        }

        var rows = zph.Terms
            .Select(t => new CoxProportionalHazardsTerm(t.Term, labels[t.Term], t.ChiSquare, t.DegreesOfFreedom, t.PValue))
            .Append(new CoxProportionalHazardsTerm("GLOBAL", "Global test", zph.Global.ChiSquare, zph.Global.DegreesOfFreedom, zph.Global.PValue))
            .ToArray();
        return new CoxProportionalHazardsResult(ZphName(spec.Zph), rows, zph.Warning);
    }
}
