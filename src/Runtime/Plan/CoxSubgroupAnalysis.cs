using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Subgroup analyses of a Cox model's treatment (<c>model cox ... subgroup s, t</c>), with the one Cox kernel
/// (<see cref="CoxDesign"/>, <see cref="CoxRegression"/>) and the model's ties method for every fit.
/// </summary>
/// <remarks>
/// <para>Per level of a factor: the model's covariates restricted to the subjects with that level, then complete cases, as R's
/// <c>coxph(Surv(t, e) ~ arm + x, data = subset(d, s == level))</c>; the treatment's hazard ratio with its Wald 95% CI and p.
/// A level with no subjects or no events, or in which the treatment does not vary (a single arm: R's coefficient is NA), has a
/// defined result with status not_estimable and a PL5125 warning; it is never dropped.</para>
/// <para>Per factor: the likelihood-ratio test of the treatment × factor interaction, as R's <c>anova(fit0, fit1)</c> with
/// <c>fit0 = coxph(Surv ~ terms + s)</c> and <c>fit1 = coxph(Surv ~ terms + s + arm:s)</c>: χ² = 2 (log L₁ − log L₀) on as many
/// df as fit1 estimates more coefficients than fit0, (levels − 1) × treatment contrasts when all are estimable (Collett 2015,
/// <i>Modelling Survival Data in Medical Research</i>, 3rd ed., §3.5). A subject without a value of the factor is in neither fit
/// (R drops it in both by <c>na.omit</c>); such subjects are counted (PL5126). A factor already in the model, or a stratum, is
/// not added again to fit0.</para>
/// <para>Each fit is O(n log n + n p²) per iteration, as the model's own; levels × factors + 2 × factors fits in all.</para>
/// </remarks>
internal static class CoxSubgroupAnalysis
{
    public static CoxSubgroupsResult Run(
        CoxSpec spec, Cohort cohort, IReadOnlyList<CoxCovariate> covariates, Dictionary<string, Func<string?, string>> labels,
        CoxDesign design, CoxFit fit, int[] strata, CoxTies ties, List<WarningResult> warnings)
    {
        CoxSubgroupSpec subgroups = spec.Subgroups!;
        string groupTerm = ScopedCohort.GroupTermOf(cohort);
        CoxTerm treatment = spec.Terms[subgroups.Treatment];
        string treatmentName = treatment.NameIn(groupTerm);
        string treatmentLabel = treatment.IsGroup ? "Group" : treatment.Covariate!.Label;
        Func<string?, string> effectLabel = labels[treatmentName];
        var overall = Effects(design, fit, treatmentName, effectLabel);

        var factors = new List<CoxSubgroupFactorResult>();
        foreach (CoxTerm term in subgroups.Factors)
        {
            ScopeFactor factor = term.IsGroup
                ? new ScopeFactor(groupTerm, cohort.GroupNames, cohort.GroupLabels, cohort.GroupCodeArray)
                : ScopeFactor.Of(term.Covariate!, "within"); // levels shown under their factor: "age >= 65" then "true", not "age >= 65: true"
            string label = term.IsGroup ? "Group" : term.Covariate!.Label;
            int missing = design.Rows.Count(i => factor.Codes[i] < 0);
            if (missing > 0)
            {
                warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.CoxSubgroupMissing, StatisticsWarnings.Invariant(
                    $"subgroup '{factor.Name}': {missing} subject(s) of the model have no value; they are in no level and not in the interaction test")));
            }

            var levels = new List<CoxSubgroupLevelResult>();
            for (int level = 0; level < factor.Levels.Count; level++)
            {
                CoxSubgroupLevelResult result = Level(spec, covariates, strata, ties, factor, level, treatmentName, effectLabel);
                if (result.Reason is not null)
                {
                    string what = result.Status == ResultStatus.Ok ? "the treatment's hazard ratio is where the fit stopped" : "the treatment's hazard ratio is not estimable";
                    warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxSubgroupNotEstimable,
                        $"subgroup '{factor.Name}' = {factor.Labels[level]}: {what} ({result.Reason})"));
                }

                levels.Add(result);
            }

            CoxSubgroupInteractionResult interaction = Interaction(spec, cohort, strata, ties, treatment, term, groupTerm);
            if (interaction.Reason is not null)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxSubgroupInteractionNotComputed,
                    $"subgroup '{factor.Name}': the treatment × subgroup interaction test is not computed ({interaction.Reason})"));
            }

            factors.Add(new CoxSubgroupFactorResult(factor.Name, label, missing, levels, interaction));
        }

        return new CoxSubgroupsResult(treatmentName, treatmentLabel, overall, factors);
    }

    /// <summary>The model on one level's subjects: <c>coxph(..., data = subset(d, s == level))</c>.</summary>
    private static CoxSubgroupLevelResult Level(
        CoxSpec spec, IReadOnlyList<CoxCovariate> covariates, int[] strata, CoxTies ties, ScopeFactor factor, int level, string treatmentName,
        Func<string?, string> effectLabel)
    {
        int[] rows = Enumerable.Range(0, factor.Codes.Length).Where(i => factor.Codes[i] == level).ToArray();
        CoxCovariate[] subset = covariates.Select(c => CoxRowSubset.Select(c, rows)).ToArray();
        double[] time = CoxRowSubset.Pick(spec.Outcome.TimeArray, rows);
        int[] events = CoxRowSubset.Pick(spec.Outcome.EventArray, rows);
        int[] levelStrata = strata.Length == 0 ? strata : CoxRowSubset.Pick(strata, rows);
        CoxDesign design = CoxDesign.Build(subset, time, events, levelStrata);
        string name = factor.Levels[level];
        string label = factor.Labels[level];
        if (design.Rows.Length == 0)
        {
            return new CoxSubgroupLevelResult(name, label, ResultStatus.NotEstimable, 0, 0, [], "no analysed subjects");
        }

        CoxFit fit = design.Fit(ties);
        IReadOnlyList<CoxSubgroupEffect> effects = Effects(design, fit, treatmentName, effectLabel);
        if (fit.Events == 0)
        {
            effects = effects.Select(NotEstimable).ToArray();
            return new CoxSubgroupLevelResult(name, label, ResultStatus.NotEstimable, fit.N, 0, effects, "no events");
        }

        if (effects.Any(e => e.Status == ResultStatus.NotEstimable))
        {
            return new CoxSubgroupLevelResult(name, label, ResultStatus.NotEstimable, fit.N, fit.Events, effects,
                "the treatment does not vary among its subjects (a single arm), so its coefficient is NA as in R");
        }

        if (effects.Any(e => e.Status == "possibly_infinite"))
        {
            return new CoxSubgroupLevelResult(name, label, "possibly_infinite", fit.N, fit.Events, effects,
                "the likelihood converged before the treatment's coefficient did (e.g. no events in one arm); the hazard ratio may be 0 or infinite");
        }

        return new CoxSubgroupLevelResult(name, label, ResultStatus.Ok, fit.N, fit.Events, effects,
            fit.Converged ? null : "the Newton-Raphson iteration ran out of iterations");
    }

    /// <summary>The treatment's design columns of a fit, in design order.</summary>
    private static IReadOnlyList<CoxSubgroupEffect> Effects(CoxDesign design, CoxFit fit, string treatmentName, Func<string?, string> label)
    {
        var effects = new List<CoxSubgroupEffect>();
        for (int j = 0; j < design.Terms.Count; j++)
        {
            CoxDesignColumn column = design.Terms[j];
            if (column.Covariate != treatmentName)
            {
                continue;
            }

            CoxCoefficient k = fit.Coefficients[j];
            string text = label(column.Level);
            effects.Add(k.Aliased
                ? NotEstimable(new CoxSubgroupEffect(k.Name, text, ResultStatus.Ok, 0, 0, 0, 0, 0, 0))
                : k.PossiblyInfinite
                    ? new CoxSubgroupEffect(k.Name, text, "possibly_infinite", k.Coefficient, double.NaN, k.HazardRatio, double.NaN, double.NaN, double.NaN)
                    : new CoxSubgroupEffect(k.Name, text, ResultStatus.Ok, k.Coefficient, k.StandardError, k.HazardRatio, k.HazardRatioLow, k.HazardRatioHigh, k.PValue));
        }

        return effects;
    }

    private static CoxSubgroupEffect NotEstimable(CoxSubgroupEffect e) =>
        e with { Status = ResultStatus.NotEstimable, Coefficient = double.NaN, StandardError = double.NaN, HazardRatio = double.NaN, HazardRatioLow = double.NaN, HazardRatioHigh = double.NaN, PValue = double.NaN };

    /// <summary><c>anova(fit0, fit1)</c>: fit0 = the model + the factor, fit1 = fit0 + treatment:factor.</summary>
    private static CoxSubgroupInteractionResult Interaction(
        CoxSpec spec, Cohort cohort, int[] strata, CoxTies ties, CoxTerm treatment, CoxTerm factor, string groupTerm)
    {
        string name = factor.NameIn(groupTerm);
        CoxTerm main = spec.Terms.FirstOrDefault(t => !t.IsInteraction && t.NameIn(groupTerm) == name) ?? factor;
        bool inModel = spec.Terms.Contains(main);
        bool stratum = !factor.IsGroup && spec.Strata.Any(s => s.Name == factor.Covariate!.Name);
        var without = spec.Terms.ToList();
        if (!inModel && !stratum)
        {
            without.Add(main);
        }

        var with = without.Append(CoxTerm.Product(treatment, main)).ToList();
        (CoxFit? fit0, string? problem0) = Fit(without, cohort, spec, strata, ties);
        (CoxFit? fit1, string? problem1) = Fit(with, cohort, spec, strata, ties);
        if (fit0 is null || fit1 is null)
        {
            return NotComputed(0, problem0 ?? problem1!);
        }

        if (fit1.Events == 0)
        {
            return NotComputed(fit1.N, "no events");
        }

        int df = fit1.Coefficients.Count(k => !k.Aliased) - fit0.Coefficients.Count(k => !k.Aliased);
        if (df <= 0)
        {
            return NotComputed(fit1.N, "no interaction coefficient is estimable: the treatment does not vary within the factor's levels");
        }

        double chiSquare = Math.Max(0, 2 * (fit1.LogLikelihood - fit0.LogLikelihood));
        double p = SpecialFunctions.GammaUpperRegularized(df / 2.0, chiSquare / 2);
        string? reason = fit0.Converged && fit1.Converged ? null : "a fit ran out of Newton-Raphson iterations";
        return new CoxSubgroupInteractionResult(reason is null ? ResultStatus.Ok : "not_computed", fit1.N, fit0.LogLikelihood, fit1.LogLikelihood,
            reason is null ? chiSquare : double.NaN, df, reason is null ? p : double.NaN, reason);
    }

    /// <summary>The model of <paramref name="terms"/> on the whole cohort (complete cases).</summary>
    private static (CoxFit? Fit, string? Problem) Fit(List<CoxTerm> terms, Cohort cohort, CoxSpec spec, int[] strata, CoxTies ties)
    {
        var covariates = new List<CoxCovariate>();
        var labels = new Dictionary<string, Func<string?, string>>(StringComparer.Ordinal);
        foreach (CoxTerm term in terms)
        {
            if (CoxCovariates.Add(term, terms, cohort, covariates, labels) is { } problem)
            {
                return (null, problem);
            }
        }

        // A subject without the factor's value leaves the design by its factor code (-1) or, for a stratum, its stratum code.
        CoxDesign design = CoxDesign.Build(covariates, spec.Outcome.TimeArray, spec.Outcome.EventArray, strata);
        return design.Rows.Length == 0 ? (null, "no analysed subjects") : (design.Fit(ties), null);
    }

    private static CoxSubgroupInteractionResult NotComputed(int n, string reason) =>
        new("not_computed", n, double.NaN, double.NaN, double.NaN, 0, double.NaN, reason);

    /// <summary>Why the subgroups cannot be analysed (input the binder refuses), or null.</summary>
    public static string? Problem(CoxSpec spec)
    {
        if (spec.Subgroups is not { } subgroups)
        {
            return null;
        }

        if (subgroups.Treatment < 0 || subgroups.Treatment >= spec.Terms.Count
            || spec.Terms[subgroups.Treatment] is not { IsInteraction: false } treatment || !IsFactor(treatment))
        {
            return "the subgroups' treatment must be a categorical, bool or group main effect of the model";
        }

        return subgroups.Factors.FirstOrDefault(f => f.IsInteraction || !IsFactor(f)) is { } bad
            ? $"subgroup '{bad.Name}' must be a categorical or bool variable, or the study's group"
            : null;

        static bool IsFactor(CoxTerm term) => term.IsGroup || term.Covariate is BinaryVariable or CategoricalVariable;
    }

    /// <summary>The text of the method: the R calls the subgroup numbers match.</summary>
    public static string Method(CoxSpec spec) => spec.Subgroups is null
        ? string.Empty
        : "; subgroups as R coxph(..., data = subset(d, s == level)) per level and the treatment × subgroup interaction as anova(fit0, fit1) (likelihood ratio)";
}
