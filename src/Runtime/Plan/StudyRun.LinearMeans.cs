using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// The marginal means a linear model's spec asks for (<see cref="MarginalMeans"/>), or null. A factor that is not a factor
    /// of the model gets PL5101 and no means; an aliased model gets PL5100 and means and contrasts with missing numbers;
    /// tukey with reference contrasts gets PL5102 and bonferroni.
    /// </summary>
    private static LinearMeansResult? LinearMeans(LinearModelFit fit, LinearSpec spec, List<WarningResult> warnings)
    {
        if (spec.Means is not { } means)
        {
            return null;
        }

        ModelMatrix m = fit.Matrix;
        if (!MeansFactors(m, means, warnings, out int factor, out int? by))
        {
            return null;
        }

        LinearContrastAdjust adjust = means.Adjust;
        if (adjust == LinearContrastAdjust.Tukey && means.Contrast != LinearContrastMethod.Pairwise)
        {
            // Tukey's studentized range covers all pairs; for contrasts against a reference it would be conservative
            // in an unstated way (emmeans swaps in another method), so the exact Bonferroni bound is used and said.
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearMeansAdjustChanged,
                "tukey's adjustment is for pairwise contrasts; the contrasts against the reference level are adjusted by bonferroni instead"));
            adjust = LinearContrastAdjust.Bonferroni;
        }

        MarginalMeans grid = MarginalMeans.Compute(fit, factor, by);
        if (!grid.Estimable)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearMeansNotEstimable,
                $"the marginal means of '{means.Factor}' are not estimated: the model has an aliased column, so a mean averaged over the reference grid may not be estimable; means and contrasts are reported as missing"));
        }

        IReadOnlyList<MarginalContrast> contrasts = grid.Contrasts(
            means.Contrast == LinearContrastMethod.Pairwise ? MarginalContrastMethod.Pairwise : MarginalContrastMethod.Reference,
            (MarginalAdjust)(int)adjust);
        bool log = spec.Transform == ResponseTransform.Log;
        return new LinearMeansResult(m.Variables[factor].Name, by is { } b ? m.Variables[b].Name : null, log ? "log" : "link",
            means.Contrast == LinearContrastMethod.Pairwise ? "pairwise" : "reference", adjust.ToString().ToLowerInvariant(),
            grid.Means.Select(Row).ToArray(), contrasts.Select(Row).ToArray(),
            log ? grid.Means.Select(r => Row(r.BackTransformed())).ToArray() : null,
            log ? contrasts.Select(r => Row(r.BackTransformed())).ToArray() : null);
    }

    /// <summary>The model variable a means clause names: as the model names it, or <c>x</c> for <c>factor(x)</c>; -1 unless a factor.</summary>
    private static int FactorIndex(ModelMatrix m, string name)
    {
        int[] used = m.Terms.SelectMany(t => t).Distinct().ToArray();
        foreach (int v in used)
        {
            if ((m.Variables[v].Name == name || m.Variables[v].Name == $"factor({name})") && m.Variables[v].IsFactor)
            {
                return v;
            }
        }

        return -1;
    }

    private static LinearMeanRow Row(MarginalMean r) => new(r.Level, r.By, r.Estimate, r.StandardError, r.DegreesOfFreedom, r.Low, r.High);

    private static LinearContrastRow Row(MarginalContrast r) =>
        new(r.Label, r.By, r.Estimate, r.StandardError, r.DegreesOfFreedom, r.T, r.PValue, r.Low, r.High);

    /// <summary>
    /// The model's factor terms that <paramref name="means"/> names (its factor, and the one it is within); false, with
    /// the warning that says why no means are reported, when one is not a factor term or the two are the same.
    /// </summary>
    private static bool MeansFactors(ModelMatrix m, LinearMeansSpec means, List<WarningResult> warnings, out int factor, out int? by)
    {
        factor = FactorIndex(m, means.Factor);
        by = means.By is null ? null : FactorIndex(m, means.By);
        string? problem = factor < 0 ? means.Factor : by < 0 ? means.By : null;
        if (problem is null && factor != by)
        {
            return true;
        }

        warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearMeansNotAFactor, problem is not null
            ? $"'{problem}' is not a factor term of the model: no marginal means are reported (a number has no levels to average over; write factor({problem}) to treat it as one)"
            : $"the means of '{means.Factor}' cannot be within '{means.By}' itself: no marginal means are reported"));
        return false;
    }
}
