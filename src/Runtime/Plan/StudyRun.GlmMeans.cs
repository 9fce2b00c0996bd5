using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Statistics.Regression;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// The marginal means a GLM's spec asks for, as emmeans for a glm fit: the reference grid of <see cref="MarginalMeans"/>
    /// on the link scale with z intervals and tests (df = ∞), then back-transformed (<c>type = "response"</c>): probabilities
    /// (SE p(1 − p)·SE, the delta method) and odds ratios for a logistic model, rates and rate ratios (exp) otherwise. With
    /// an offset the means are per unit of it (the offset at 0, R's <c>emmeans(fit, ~ f, offset = 0)</c>): rates per unit of
    /// person-time for <c>offset log(t)</c>. Problems as for a linear model: PL5101 for a factor not in the model, PL5100 for
    /// an aliased model (means reported missing).
    /// </summary>
    private static LinearMeansResult? GlmMeans(GlmFit fit, ModelMatrix m, GlmSpec spec, List<WarningResult> warnings)
    {
        if (spec.Means is not { } means)
        {
            return null;
        }

        if (!MeansFactors(m, means, warnings, out int factor, out int? by))
        {
            return null;
        }

        bool estimable = fit.Coefficients.All(c => !c.Aliased);
        if (!estimable)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearMeansNotEstimable,
                $"the marginal means of '{means.Factor}' are not estimated: the model has an aliased column, so a mean averaged over the reference grid may not be estimable; means and contrasts are reported as missing"));
        }

        MarginalMeans grid = MarginalMeans.Compute(m, l => LinkEstimate(fit, l), double.PositiveInfinity, estimable, factor, by);
        var adjust = (MarginalAdjust)(int)means.Adjust;
        IReadOnlyList<MarginalContrast> contrasts = grid.Contrasts(
            means.Contrast == LinearContrastMethod.Pairwise ? MarginalContrastMethod.Pairwise : MarginalContrastMethod.Reference, adjust);
        bool logit = spec.Family == GlmModelFamily.Logistic;
        return new LinearMeansResult(m.Variables[factor].Name, by is { } b ? m.Variables[b].Name : null, logit ? "logit" : "log",
            means.Contrast == LinearContrastMethod.Pairwise ? "pairwise" : "reference", means.Adjust.ToString().ToLowerInvariant(),
            grid.Means.Select(Row).ToArray(), contrasts.Select(Row).ToArray(),
            grid.Means.Select(r => Row(logit ? Probability(r) : r.BackTransformed())).ToArray(),
            contrasts.Select(r => Row(r.BackTransformed())).ToArray());
    }

    /// <summary>ℓ'β and √(ℓ'Vℓ) with V = R's vcov of the fit (no aliased column: the caller checks).</summary>
    private static (double Estimate, double StandardError) LinkEstimate(GlmFit fit, double[] l)
    {
        int p = l.Length;
        double estimate = 0, variance = 0;
        for (int a = 0; a < p; a++)
        {
            estimate += l[a] * fit.Coefficients[a].Estimate;
            for (int c = 0; c < p; c++)
            {
                variance += l[a] * fit.Covariance[a, c] * l[c];
            }
        }

        return (estimate, Math.Sqrt(variance));
    }

    /// <summary>A logit-scale mean as a probability: the CI's limits map through the logistic function, SE by the delta method.</summary>
    private static MarginalMean Probability(MarginalMean r)
    {
        double p = Logistic(r.Estimate);
        return r with { Estimate = p, StandardError = p * (1 - p) * r.StandardError, Low = Logistic(r.Low), High = Logistic(r.High) };
    }

    private static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
