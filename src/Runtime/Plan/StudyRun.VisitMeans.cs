using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>The design's name of the <c>means</c> factor: <c>group</c> is the analysis' grouping as the scope names it (<c>by sex</c>: sex).</summary>
    private static string? VisitMeansFactor(MixedModelSpec spec, Cohort cohort) =>
        spec.Means?.Factor is not { } factor ? null : factor == "group" ? ScopedCohort.GroupTermOf(cohort) : factor;

    /// <summary>
    /// The means of <paramref name="factor"/> within each visit and their contrasts, as emmeans' <c>~ f | visit</c> then
    /// <c>contrast(em, "trt.vs.ctrl" | "pairwise", adjust = )</c>: pairs written "A - B" for A before B in level order,
    /// reference contrasts "B - A" for each later level B against the first. Each estimate has its own df (Satterthwaite or
    /// Kenward-Roger); the adjustment's family is the contrasts at one visit, and each contrast's adjusted p and CI use its own
    /// df, as emmeans does: Bonferroni (p·m, t(1 − 0.025/m)), Holm (p; Bonferroni's CI), Tukey (ptukey(√2|t|, k, df),
    /// qtukey(0.95, k, df)/√2; k the number of levels), dunnettx (<see cref="DunnettApproximation"/> over m contrasts).
    /// With time not a factor term the means are over the whole grid, at one "all" visit.
    /// </summary>
    private static (VisitMeanRow[], VisitContrastRow[]) VisitMeans(MixedDesign design, IContrastEstimator fit, string factor, string timeFactor, VisitMeansSpec spec)
    {
        FixedEffectsDesign x = design.Input.Fixed;
        int f = IndexOfVariable(x, factor);
        int t = Enumerable.Range(0, x.Variables.Count).FirstOrDefault(v => x.Variables[v].IsFactor && x.Variables[v].Name == timeFactor, -1);
        MeansGrid grid = ReferenceGrid.CellMeans(x, t >= 0 ? [t, f] : [f]);
        IReadOnlyList<string> levels = x.Variables[f].Levels!;
        IReadOnlyList<string> visits = t >= 0 ? x.Variables[t].Levels! : ["all"];
        int p = x.Columns, k = levels.Count;
        double[] Row(int v, int level) => grid.X.AsSpan(((v * k) + level) * p, p).ToArray();
        (int A, int B)[] pairs = spec.Pairwise
            ? Enumerable.Range(0, k).SelectMany(a => Enumerable.Range(a + 1, k - a - 1).Select(b => (a, b))).ToArray()
            : Enumerable.Range(1, k - 1).Select(b => (b, 0)).ToArray();
        var means = new List<VisitMeanRow>();
        var contrasts = new List<VisitContrastRow>();
        for (int v = 0; v < visits.Count; v++)
        {
            for (int level = 0; level < k; level++)
            {
                ContrastEstimate e = fit.Estimate(Row(v, level));
                double half = Multiplier(e.DegreesOfFreedom) * e.StandardError;
                means.Add(new VisitMeanRow(levels[level], visits[v], e.Estimate, e.StandardError, e.DegreesOfFreedom, e.Estimate - half, e.Estimate + half));
            }

            ContrastEstimate[] estimates = pairs.Select(pair => fit.Estimate(Row(v, pair.A).Zip(Row(v, pair.B), (u, w) => u - w).ToArray())).ToArray();
            double[] tValues = estimates.Select(e => e.Estimate / e.StandardError).ToArray();
            double[] raw = estimates.Select((e, i) => LinearMixedModel.TwoSidedT(tValues[i], e.DegreesOfFreedom)).ToArray();
            double[] adjusted = AdjustedP(spec.Adjust, raw, tValues, estimates, k);
            for (int i = 0; i < pairs.Length; i++)
            {
                ContrastEstimate e = estimates[i];
                double half = ContrastMultiplier(spec.Adjust, e.DegreesOfFreedom, pairs.Length, k) * e.StandardError;
                contrasts.Add(new VisitContrastRow(levels[pairs[i].A] + " - " + levels[pairs[i].B], visits[v], e.Estimate, e.StandardError, e.DegreesOfFreedom,
                    tValues[i], adjusted[i], e.Estimate - half, e.Estimate + half));
            }
        }

        return (means.ToArray(), contrasts.ToArray());
    }

    /// <summary>
    /// For a <c>log(y)</c> response, the means and contrasts on the response scale (emmeans' <c>type = "response"</c>): means
    /// exp(estimate) with SE by the delta method and the CI's limits exponentiated; contrasts as ratios "A / B" whose t and p
    /// stay those of the log scale. Null (both) for an untransformed response.
    /// </summary>
    private static (VisitMeanRow[]? Means, VisitContrastRow[]? Contrasts) ResponseScale(MixedModelSpec spec, VisitMeanRow[]? means, VisitContrastRow[]? contrasts)
    {
        if (spec.Transform != ResponseTransform.Log || means is null || contrasts is null)
        {
            return (null, null);
        }

        return (
            means.Select(m => m with { Estimate = Math.Exp(m.Estimate), StandardError = Math.Exp(m.Estimate) * m.StandardError, Lower = Math.Exp(m.Lower), Upper = Math.Exp(m.Upper) }).ToArray(),
            contrasts.Select(c => c with
            {
                Contrast = c.Contrast.Replace(" - ", " / ", StringComparison.Ordinal),
                Estimate = Math.Exp(c.Estimate), StandardError = Math.Exp(c.Estimate) * c.StandardError, Lower = Math.Exp(c.Lower), Upper = Math.Exp(c.Upper),
            }).ToArray());
    }

    private static double[] AdjustedP(LinearContrastAdjust adjust, double[] raw, double[] t, ContrastEstimate[] estimates, int levels)
    {
        int m = raw.Length;
        return adjust switch
        {
            LinearContrastAdjust.Bonferroni => PAdjust.Adjust(raw, AdjustMethod.Bonferroni),
            LinearContrastAdjust.Holm => PAdjust.Adjust(raw, AdjustMethod.Holm),
            LinearContrastAdjust.Tukey when levels > 2 => t.Select((x, i) => Defined(x, estimates[i].DegreesOfFreedom)
                ? StudentizedRange.UpperTail(Math.Abs(x) * Math.Sqrt(2), levels, estimates[i].DegreesOfFreedom) : double.NaN).ToArray(),
            LinearContrastAdjust.Dunnettx when m > 1 => t.Select((x, i) => Defined(x, estimates[i].DegreesOfFreedom)
                ? DunnettApproximation.UpperTail(x, m, estimates[i].DegreesOfFreedom) : double.NaN).ToArray(),
            _ => raw,
        };
    }

    /// <summary>The CI half-width in SEs for one contrast of a family of <paramref name="family"/> over <paramref name="levels"/> means.</summary>
    private static double ContrastMultiplier(LinearContrastAdjust adjust, double df, int family, int levels)
    {
        if (!(df > 0))
        {
            return double.NaN;
        }

        return adjust switch
        {
            LinearContrastAdjust.Bonferroni or LinearContrastAdjust.Holm => StudentT.InvCDF(0, 1, df, 1 - (0.025 / family)),
            LinearContrastAdjust.Tukey when levels > 2 => StudentizedRange.Quantile(0.95, levels, df) / Math.Sqrt(2),
            LinearContrastAdjust.Dunnettx when family > 1 => DunnettApproximation.Quantile(0.95, family, df),
            _ => Multiplier(df),
        };
    }

    private static double Multiplier(double df) => df > 0 ? StudentT.InvCDF(0, 1, df, 0.975) : double.NaN;

    private static bool Defined(double t, double df) => double.IsFinite(t) && df > 0;

    private static int IndexOfVariable(FixedEffectsDesign x, string name)
    {
        for (int v = 0; v < x.Variables.Count; v++)
        {
            // A factor(x) term's variable is named so in the design; the binder knows it as x.
            if (x.Variables[v].IsFactor && (x.Variables[v].Name == name || x.Variables[v].Name == $"factor({name})"))
            {
                return v;
            }
        }

        throw new InvalidOperationException($"Bug: the means factor '{name}' is not a factor of the design (the binder checks it).");
    }
}
