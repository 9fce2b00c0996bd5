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
    public void Cox(string source, CoxSpec spec)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(spec);
        Cohort cohort = RequireCohort(spec.Outcome);
        foreach (Variable v in spec.Terms.Select(t => t.Covariate).OfType<Variable>().Concat(spec.Strata))
        {
            RequireCohort(v);
        }

        string ties = spec.Ties == TiesMethod.Efron ? "efron" : "breslow";
        string method = $"Cox proportional hazards, {(spec.Ties == TiesMethod.Efron ? "Efron" : "Breslow")} ties, R survival::coxph(ties = \"{ties}\")"
            + "; Wald 95% CI for hazard ratios; concordance with SE as R concordance(fit)"
            + "; proportional hazards as R cox.zph(fit, transform = \"km\", terms = TRUE)";
        string specification = ModelText.Cox(spec);
        var covariates = new List<CoxCovariate>();
        var labels = new Dictionary<string, Func<string?, string>>(StringComparer.Ordinal);
        foreach (CoxTerm term in spec.Terms)
        {
            string? problem = CoxCovariates.Add(term, cohort, covariates, labels);
            if (problem is not null)
            {
                string code = term.Covariate is null ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.TestDoesNotFit;
                Record("cox", source, ResultStatus.Failed, method, problem, specification, new[] { StatisticsWarnings.Warning(code, problem) });
                return;
            }
        }

        (double[] time, int[] events) = (spec.Outcome.TimeArray, spec.Outcome.EventArray); // censored at the horizon by Variables.TimeToEvent
        int[] strata = spec.Strata.Count == 0 ? Array.Empty<int>() : CoxCovariates.StratumCodes(spec.Strata);
        CoxDesign design = CoxDesign.Build(covariates, time, events, strata);
        var warnings = new List<WarningResult>();
        if (design.Excluded > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.CoxSubjectsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"{design.Excluded} subject(s) with a missing time, event, covariate or stratum left out of the Cox model ({design.Rows.Length} analysed)")));
        }

        CoxFit fit = design.Fit(spec.Ties == TiesMethod.Efron ? CoxTies.Efron : CoxTies.Breslow);
        var terms = new List<CoxTermResult>();
        for (int j = 0; j < fit.Coefficients.Count; j++)
        {
            CoxCoefficient k = fit.Coefficients[j];
            CoxDesignColumn column = design.Terms[j];
            string label = labels[column.Covariate](column.Level);
            if (k.PossiblyInfinite)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxCoefficientMayBeInfinite,
                    $"'{label}': the likelihood converged before the coefficient did (monotone likelihood, e.g. a level with no events); the hazard ratio may be 0 or infinite and its SE, p and CI are not reported"));
            }

            terms.Add(k.PossiblyInfinite
                ? new CoxTermResult(k.Name, column.Covariate, label, column.Level, column.ReferenceLevel, "possibly_infinite",
                    k.Coefficient, k.HazardRatio, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
                : new CoxTermResult(k.Name, column.Covariate, label, column.Level, column.ReferenceLevel, k.Aliased ? "aliased" : ResultStatus.Ok,
                    k.Coefficient, k.HazardRatio, k.StandardError, k.Z, k.PValue, k.HazardRatioLow, k.HazardRatioHigh));
        }

        foreach (string w in fit.Warnings.Where(w => !w.StartsWith("Loglik converged", StringComparison.Ordinal)))
        {
            string code = w.StartsWith("Ran out", StringComparison.Ordinal) ? StatisticsWarnings.CoxNotConverged : StatisticsWarnings.CoxNotEstimable;
            warnings.Add(StatisticsWarnings.Warning(code, w));
        }

        CoxProportionalHazardsResult ph = ProportionalHazards(design, fit, spec, warnings);
        static CoxTestResult Test(string name, CoxGlobalTest t) => new(name, t.Statistic, t.DegreesOfFreedom, t.PValue);
        var result = new CoxResult(ties, spec.Strata.Select(s => s.Name).ToArray(), fit.N, design.Excluded, fit.Events, fit.Iterations, fit.Converged, terms,
            fit.LogLikelihoodNull, fit.LogLikelihood, Test("likelihood_ratio", fit.LikelihoodRatio), Test("wald", fit.Wald), Test("score", fit.Score), fit.Concordance,
            fit.ConcordanceStandardError, ph);
        string status = fit.Events == 0 ? ResultStatus.Failed : ResultStatus.Ok;
        string? reason = fit.Events == 0 ? "there are no events among the analysed subjects" : null;
        _analyses.Add(new AnalysisResult(_analyses.Count + 1, "cox", source, status, method, reason, specification, warnings, Cox: result));
    }

    /// <summary>cox.zph for the fitted model, each term labelled as the reader knows it.</summary>
    private static CoxProportionalHazardsResult ProportionalHazards(CoxDesign design, CoxFit fit, CoxSpec spec, List<WarningResult> warnings)
    {
        CoxZph zph = CoxProportionalHazardsTest.Test(design, fit);
        if (zph.Warning is not null && fit.Events > 0)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxProportionalHazardsUndefined, zph.Warning));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CoxTerm term in spec.Terms)
        {
            labels.TryAdd(term.Covariate?.Name ?? "group", term.Covariate?.Label ?? "Group");
        }

        var rows = zph.Terms
            .Select(t => new CoxProportionalHazardsTerm(t.Term, labels[t.Term], t.ChiSquare, t.DegreesOfFreedom, t.PValue))
            .Append(new CoxProportionalHazardsTerm("GLOBAL", "Global test", zph.Global.ChiSquare, zph.Global.DegreesOfFreedom, zph.Global.PValue))
            .ToArray();
        return new CoxProportionalHazardsResult("km", rows, zph.Warning);
    }
}
