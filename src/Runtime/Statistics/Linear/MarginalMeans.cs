using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>One estimated marginal mean: a level of the factor (within a level of the <c>by</c> factor), as a row of emmeans' summary.</summary>
/// <param name="Level">The level of the factor whose means these are.</param>
/// <param name="By">The level of the <c>by</c> factor, or null without one.</param>
public sealed record MarginalMean(string Level, string? By, double Estimate, double StandardError, double DegreesOfFreedom, double Low, double High)
{
    /// <summary>The mean on the response scale of a <c>log(y)</c> model: exp of estimate and CI, SE by the delta method (emmeans' <c>type = "response"</c>).</summary>
    public MarginalMean BackTransformed() =>
        this with { Estimate = Math.Exp(Estimate), StandardError = Math.Exp(Estimate) * StandardError, Low = Math.Exp(Low), High = Math.Exp(High) };
}

/// <summary>One contrast of marginal means, as a row of emmeans' <c>summary(contrast(...), infer = TRUE)</c>.</summary>
/// <param name="Label">"A - B" (the first level minus the second), as emmeans writes it; "A / B" on the ratio scale.</param>
/// <param name="PValue">Two-sided, adjusted for the contrasts of its <paramref name="By"/> group (emmeans' family).</param>
/// <param name="Low">CI bound, family-wise for tukey and bonferroni (holm's interval is bonferroni's, as emmeans does).</param>
public sealed record MarginalContrast(string Label, string? By, string First, string Second, double Estimate, double StandardError,
    double DegreesOfFreedom, double T, double PValue, double Low, double High)
{
    /// <summary>The ratio of response-scale means of a <c>log(y)</c> model: exp of estimate and CI, SE by the delta method; t and p stay on the log scale (emmeans).</summary>
    public MarginalContrast BackTransformed() =>
        this with
        {
            Label = First + " / " + Second, Estimate = Math.Exp(Estimate), StandardError = Math.Exp(Estimate) * StandardError,
            Low = Math.Exp(Low), High = Math.Exp(High),
        };
}

/// <summary>Which contrasts of the marginal means (emmeans' <c>method</c>).</summary>
public enum MarginalContrastMethod
{
    /// <summary>Every pair i &lt; j as level i minus level j (emmeans' <c>"pairwise"</c>).</summary>
    Pairwise,

    /// <summary>Every level after the first minus the first (emmeans' <c>"trt.vs.ctrl"</c>).</summary>
    Reference,
}

/// <summary>The multiplicity adjustment of a family of contrasts (emmeans' <c>adjust</c>).</summary>
public enum MarginalAdjust
{
    None,

    /// <summary>Tukey's studentized range for k means (pairwise only).</summary>
    Tukey,

    Bonferroni,

    /// <summary>Holm's step-down p-values; the interval is bonferroni's (emmeans: holm has no interval of its own).</summary>
    Holm,

    /// <summary>emmeans' approximation to Dunnett's many-to-one adjustment (<see cref="DunnettApproximation"/>), its default for contrasts against a reference.</summary>
    Dunnettx,
}

/// <summary>
/// Estimated marginal means of a linear model (Searle, Speed &amp; Milliken 1980, <i>Am. Stat.</i> 34:216, "population
/// marginal means"; Lenth's emmeans package documents the same reference grid): the means a fit predicts for each level
/// of a factor, with numeric covariates at their means and the model's other factors' levels weighted equally.
/// </summary>
/// <remarks>
/// The reference grid is every combination of the levels of the factors in the model, numbers held at their mean over
/// the fitted rows (emmeans' <c>cov.reduce = mean</c>; a product term of numbers takes the product of the means, as the
/// grid row does). A grid row's model-matrix row x_g is built from the columns' coding (treatment: the indicator of the
/// column's level, numbers multiply in). The mean of level a is ℓ_a'b with ℓ_a the average of x_g over the grid rows
/// with that level (and that <c>by</c> level); Var = s² ℓ'(X'X)⁻¹ℓ on n − rank df; CI estimate ± t(0.975, df)·SE.
/// A contrast d'b (d = ℓ_i − ℓ_j) has SE √(s² d'(X'X)⁻¹d), t = est / SE, two-sided p from t(df). Adjustments within a
/// family of m contrasts over k means: bonferroni p·m capped at 1 and CI with t(1 − 0.025/m); holm by
/// <see cref="PAdjust"/> with bonferroni's interval; tukey p = P(Q &gt; |t|√2) for the studentized range of k means
/// and CI ± q(0.95; k, df)/√2·SE (Tukey 1953; for k = 2 it is the t test exactly, used as such). O(grid · p²).
/// A model with aliased columns is not handled: every estimate is NaN and <see cref="Estimable"/> false (the caller
/// warns); emmeans would test each grid row's estimability instead.
/// </remarks>
public sealed class MarginalMeans
{
    private readonly Func<double[], (double Estimate, double StandardError)> _estimate;
    private readonly double _df;
    private readonly double[][] _l;
    private readonly int _levels;

    private MarginalMeans(Func<double[], (double, double)> estimate, double df, double[][] l, IReadOnlyList<string> levels, IReadOnlyList<string>? byLevels, bool estimable)
    {
        _estimate = estimate;
        _df = df;
        _l = l;
        _levels = levels.Count;
        Levels = levels;
        ByLevels = byLevels;
        Estimable = estimable;
        int groups = byLevels?.Count ?? 1;
        var means = new List<MarginalMean>();
        double quantile = TQuantile(0.975, df);
        for (int g = 0; g < groups; g++)
        {
            for (int a = 0; a < _levels; a++)
            {
                var (estimate0, se) = Estimate(l[(g * _levels) + a]);
                means.Add(new MarginalMean(levels[a], byLevels?[g], estimate0, se, df, estimate0 - (quantile * se), estimate0 + (quantile * se)));
            }
        }

        Means = means;
    }

    /// <summary>The factor's levels, in order.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The <c>by</c> factor's levels, or null.</summary>
    public IReadOnlyList<string>? ByLevels { get; }

    /// <summary>False when the model has aliased columns: the means and contrasts are then NaN.</summary>
    public bool Estimable { get; }

    /// <summary>The means, <c>by</c> level outermost then level, as emmeans lists them.</summary>
    public IReadOnlyList<MarginalMean> Means { get; }

    /// <summary>
    /// The marginal means of factor <paramref name="variable"/> (an index into <c>fit.Matrix.Variables</c>), within each level of
    /// factor <paramref name="by"/> when given. The fit must be on treatment contrasts (the default coding).
    /// </summary>
    public static MarginalMeans Compute(LinearModelFit fit, int variable, int? by = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Compute(fit.Matrix, l => LinearEstimate(fit, l), fit.DegreesOfFreedom, fit.AliasedColumns.Count == 0, variable, by);
    }

    /// <summary>
    /// The marginal means of a model on <paramref name="m"/> whose coefficients and covariance give ℓ'b and SE(ℓ'b) through
    /// <paramref name="estimate"/> (a GLM on its link scale, <paramref name="df"/> = ∞: z intervals and tests, as emmeans
    /// for glm fits). <paramref name="estimable"/> false (aliased columns) makes every number NaN.
    /// </summary>
    public static MarginalMeans Compute(ModelMatrix m, Func<double[], (double Estimate, double StandardError)> estimate, double df, bool estimable, int variable, int? by = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(estimate);
        if (!m.Variables[variable].IsFactor || (by is { } b0 && (!m.Variables[b0].IsFactor || b0 == variable)))
        {
            throw new ArgumentException("Marginal means need a factor (and a different factor for by).", nameof(variable));
        }

        int[] used = m.Terms.SelectMany(t => t).Distinct().Order().ToArray();
        if (!used.Contains(variable) || (by is { } b1 && !used.Contains(b1)))
        {
            throw new ArgumentException("The factor is not in the model.", nameof(variable));
        }

        int[] factors = used.Where(v => m.Variables[v].IsFactor).ToArray();
        var means = new double[m.Variables.Count];
        foreach (int v in used.Where(v => !m.Variables[v].IsFactor))
        {
            means[v] = m.Variables[v].Values!.Average();
        }

        CheckCoding(m);
        IReadOnlyList<string> levels = m.Variables[variable].Levels!;
        IReadOnlyList<string>? byLevels = by is { } b2 ? m.Variables[b2].Levels : null;
        int groups = byLevels?.Count ?? 1;
        int p = m.Columns.Count;
        var sums = new double[groups * levels.Count][];
        var counts = new int[sums.Length];
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] = new double[p];
        }

        var level = new int[m.Variables.Count];
        int gridSize = factors.Aggregate(1, (acc, v) => acc * m.Variables[v].Levels!.Count);
        for (int g = 0; g < gridSize; g++)
        {
            // Mixed-radix counter over the factors' levels: the grid row's level of each factor.
            int rest = g;
            foreach (int v in factors)
            {
                int count = m.Variables[v].Levels!.Count;
                level[v] = rest % count;
                rest /= count;
            }

            int cell = ((by is { } b3 ? level[b3] : 0) * levels.Count) + level[variable];
            counts[cell]++;
            for (int j = 0; j < p; j++)
            {
                sums[cell][j] += GridValue(m, j, v => level[v], v => means[v]);
            }
        }

        double[][] l = sums.Select((s, i) => s.Select(x => x / counts[i]).ToArray()).ToArray();
        return new MarginalMeans(estimate, df, l, levels, byLevels, estimable);
    }

    /// <summary>The contrasts of <paramref name="method"/> within each <c>by</c> group, adjusted per group.</summary>
    public IReadOnlyList<MarginalContrast> Contrasts(MarginalContrastMethod method, MarginalAdjust adjust)
    {
        if (adjust == MarginalAdjust.Tukey && method != MarginalContrastMethod.Pairwise)
        {
            throw new ArgumentException("Tukey's adjustment is for pairwise contrasts.", nameof(adjust));
        }

        double df = _df;
        var result = new List<MarginalContrast>();
        for (int g = 0; g < (ByLevels?.Count ?? 1); g++)
        {
            var pairs = method == MarginalContrastMethod.Pairwise
                ? (from i in Enumerable.Range(0, _levels) from j in Enumerable.Range(i + 1, _levels - i - 1) select (i, j)).ToArray()
                : Enumerable.Range(1, _levels - 1).Select(j => (i: j, j: 0)).ToArray();
            int family = pairs.Length;
            var rows = pairs.Select(pair =>
            {
                double[] d = _l[(g * _levels) + pair.i].Zip(_l[(g * _levels) + pair.j], (x, y) => x - y).ToArray();
                var (estimate, se) = Estimate(d);
                double t = estimate / se;
                return (pair.i, pair.j, estimate, se, t, p: TwoSided(t, df));
            }).ToArray();
            double[] p = adjust switch
            {
                MarginalAdjust.Bonferroni => PAdjust.Adjust(rows.Select(r => r.p).ToArray(), AdjustMethod.Bonferroni),
                MarginalAdjust.Holm => PAdjust.Adjust(rows.Select(r => r.p).ToArray(), AdjustMethod.Holm),
                MarginalAdjust.Tukey => rows.Select(r => TukeyP(r.t, _levels, df, r.p)).ToArray(),
                MarginalAdjust.Dunnettx => rows.Select(r => family == 1 ? r.p : DunnettApproximation.UpperTail(Math.Abs(r.t), family, df)).ToArray(),
                _ => rows.Select(r => r.p).ToArray(),
            };
            double half = df <= 0 ? double.NaN : adjust switch
            {
                MarginalAdjust.Tukey when _levels == 2 => TQuantile(0.975, df),
                MarginalAdjust.Tukey => StudentizedRange.Quantile(0.95, _levels, df) / Math.Sqrt(2),
                MarginalAdjust.Bonferroni or MarginalAdjust.Holm => TQuantile(1 - (0.025 / family), df),
                MarginalAdjust.Dunnettx => DunnettApproximation.Quantile(0.95, family, df),
                _ => TQuantile(0.975, df),
            };
            for (int k = 0; k < rows.Length; k++)
            {
                var r = rows[k];
                result.Add(new MarginalContrast(Levels[r.i] + " - " + Levels[r.j], ByLevels?[g], Levels[r.i], Levels[r.j], r.estimate, r.se, df, r.t, p[k],
                    r.estimate - (half * r.se), r.estimate + (half * r.se)));
            }
        }

        return result;
    }

    /// <summary>Two-sided p of t on <paramref name="df"/> df; the normal's for df = ∞ (a z test).</summary>
    internal static double TwoSided(double t, double df) =>
        double.IsNaN(t) || !(df > 0) ? double.NaN
        : double.IsPositiveInfinity(df) ? 2 * Normal.CDF(0, 1, -Math.Abs(t))
        : SpecialFunctions.BetaRegularized(df / 2.0, 0.5, df / (df + (t * t)));

    /// <summary>The t quantile on <paramref name="df"/> df; the normal's for df = ∞.</summary>
    internal static double TQuantile(double p, double df) =>
        !(df > 0) ? double.NaN : double.IsPositiveInfinity(df) ? Normal.InvCDF(0, 1, p) : StudentT.InvCDF(0, 1, df, p);

    /// <summary>P(Q_k &gt; |t|√2); for two means Q/√2 is |t|, so the exact t p-value (relative accuracy) is used.</summary>
    private static double TukeyP(double t, int k, double df, double raw) =>
        double.IsNaN(t) ? double.NaN : k == 2 ? raw : StudentizedRange.UpperTail(Math.Abs(t) * Math.Sqrt(2), k, df);

    private (double Estimate, double StandardError) Estimate(double[] l) => Estimable ? _estimate(l) : (double.NaN, double.NaN);

    /// <summary>ℓ'b and √(s² ℓ'(X'X)⁻¹ℓ) over the accepted columns of a linear model.</summary>
    private static (double Estimate, double StandardError) LinearEstimate(LinearModelFit fit, double[] l)
    {
        if (fit.DegreesOfFreedom <= 0)
        {
            return (double.NaN, double.NaN);
        }

        IReadOnlyList<int> pivot = fit.Qr.Pivot;
        int r = pivot.Count;
        double estimate = 0;
        double quadratic = 0;
        for (int a = 0; a < r; a++)
        {
            estimate += l[pivot[a]] * fit.Estimates[a];
            for (int c = 0; c < r; c++)
            {
                quadratic += l[pivot[a]] * fit.Unscaled[a, c] * l[pivot[c]];
            }
        }

        return (estimate, fit.Sigma * Math.Sqrt(quadratic));
    }

    /// <summary>Column j of the model matrix at a grid row: the product over the term's variables of the level indicator or the number.</summary>
    private static double GridValue(ModelMatrix m, int j, Func<int, int> level, Func<int, double> number)
    {
        ModelColumn column = m.ColumnInfo[j];
        if (column.Term < 0)
        {
            return 1;
        }

        int[] term = m.Terms[column.Term];
        double value = 1;
        for (int k = 0; k < term.Length; k++)
        {
            int v = term[k];
            value *= m.Variables[v].IsFactor ? (level(v) == column.Levels[k] ? 1 : 0) : number(v);
        }

        return value;
    }

    /// <summary>The grid rule must rebuild every fitted row's columns; it does only for treatment (or indicator) coding.</summary>
    private static void CheckCoding(ModelMatrix m)
    {
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns.Count; j++)
            {
                int row = i;
                double value = GridValue(m, j, v => m.Variables[v].Codes![row], v => m.Variables[v].Values![row]);
                if (value != m.Columns[j][i])
                {
                    throw new ArgumentException("Marginal means need a model matrix on treatment contrasts.", nameof(m));
                }
            }
        }
    }
}
