using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// Profile-likelihood confidence intervals for GLM coefficients, the method of R 4.2's
/// <c>confint(glm)</c> (MASS's <c>profile.glm</c> and <c>confint.profile.glm</c>; Venables &amp; Ripley
/// 2002, MASS 4th ed., section 7.2, "profiling"): the signed root deviance z(b) = sign(b − β̂)·√((D(b) − D̂)/φ),
/// where D(b) is the deviance with the coefficient fixed at b (an offset) and the others refitted,
/// is evaluated on a grid, interpolated by a spline, and inverted at the normal quantiles.
/// </summary>
/// <remarks>
/// <para>The grid, as MASS documents it: α = (1 − level)/4; z_max = √χ²₁(1 − α) for binomial and
/// Poisson, √F₁,ₙ₋ₚ(1 − α) otherwise (n rows, p columns); steps of z_max/5 standard errors from β̂ in
/// each direction, at most 9 per side, stopping once |z| ≥ z_max. Each refit starts from the previous
/// linear predictor (the first from the full fit's) and uses the same IRLS control. The points, with
/// (β̂, 0), are sorted by z; an FMM cubic spline of z on b (R's <c>spline</c>, 3m points) is inverted by
/// linear interpolation (R's <c>approx</c>) at qnorm((1 − level)/2) and qnorm((1 + level)/2).</para>
/// <para>A quirk kept for agreement: MASS picks the χ² cut-off by the family's name, and glm.nb's family is
/// named "Negative Binomial(θ)", so negative binomial models get the F-based grid (φ = 1) — which
/// only changes where the grid points are, not the cut-off of the interval.</para>
/// <para>An end is NaN when the profile does not reach the cut-off (a flat likelihood, as under
/// separation), when a refit fails, or when profiling finds a deviance below the fit's by more than
/// 1e-3 (MASS stops: "profiling has found a better solution, so original fit had not converged").
/// Coefficients in <c>skip</c> (those diverging under separation) are not profiled. Cost: up to 18 IRLS
/// fits per coefficient.</para>
/// </remarks>
internal static class GlmProfile
{
    private const int MaxSteps = 10;

    public static (double Low, double High)[] Intervals(
        IReadOnlyList<double[]> columns,
        double[] y,
        double[] weights,
        double[] offset,
        GlmFamily family,
        double[] coefficients,
        bool[] aliased,
        double[] standardErrors,
        double deviance,
        double dispersion,
        GlmOptions options,
        IReadOnlyCollection<int> skip)
    {
        int n = y.Length, p = columns.Count;
        double alpha = (1 - options.Level) / 4;
        double zMax = family.Kind is GlmFamilyKind.Binomial or GlmFamilyKind.Poisson
            ? Normal.InvCDF(0, 1, 1 - (alpha / 2))
            : StudentT.InvCDF(0, 1, n - p, 1 - (alpha / 2));
        double del = zMax / 5;
        double lowCut = Normal.InvCDF(0, 1, (1 - options.Level) / 2);
        double highCut = -lowCut;

        var fullEta = new double[n];
        for (int i = 0; i < n; i++)
        {
            double e = offset[i];
            for (int j = 0; j < p; j++)
            {
                if (!aliased[j])
                {
                    e += columns[j][i] * coefficients[j];
                }
            }

            fullEta[i] = e;
        }

        var result = new (double, double)[p];
        for (int j = 0; j < p; j++)
        {
            result[j] = aliased[j] || skip.Contains(j) || !double.IsFinite(standardErrors[j])
                ? (double.NaN, double.NaN)
                : Profile(j, columns, y, weights, offset, family, coefficients[j], aliased, standardErrors[j], deviance, dispersion, options, fullEta, zMax, del, lowCut, highCut);
        }

        return result;
    }

    private static (double Low, double High) Profile(
        int j, IReadOnlyList<double[]> columns, double[] y, double[] weights, double[] offset, GlmFamily family, double estimate,
        bool[] aliased, double se, double deviance, double dispersion, GlmOptions options, double[] fullEta,
        double zMax, double del, double lowCut, double highCut)
    {
        int n = y.Length;
        var others = new List<double[]>();
        for (int k = 0; k < columns.Count; k++)
        {
            if (k != j && !aliased[k])
            {
                others.Add(columns[k]);
            }
        }

        var z = new List<double> { 0 };
        var b = new List<double> { estimate };
        foreach (int sign in new[] { -1, 1 })
        {
            double[] eta = (double[])fullEta.Clone();
            double zCurrent = 0;
            for (int step = 1; step < MaxSteps && Math.Abs(zCurrent) < zMax; step++)
            {
                double bi = estimate + (sign * step * del * se);
                var o = new double[n];
                for (int i = 0; i < n; i++)
                {
                    o[i] = offset[i] + (columns[j][i] * bi);
                }

                GlmIrlsResult fit = GlmIrls.Fit(others, y, weights, o, family, eta, null, options.MaxIterations, options.Epsilon);
                if (fit.Failure is not null)
                {
                    return (double.NaN, double.NaN);
                }

                eta = fit.Eta;
                double zz = (fit.Deviance - deviance) / dispersion;
                if (!(zz > -1e-3))
                {
                    return (double.NaN, double.NaN);
                }

                zCurrent = sign * Math.Sqrt(Math.Max(zz, 0));
                z.Add(zCurrent);
                b.Add(bi);
            }
        }

        // Sort the points by z (stable), then spline z on b and invert.
        var order = new int[z.Count];
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (l, r) => z[l] != z[r] ? z[l].CompareTo(z[r]) : l.CompareTo(r));
        var sortedB = new double[order.Length];
        var sortedZ = new double[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            sortedB[k] = b[order[k]];
            sortedZ[k] = z[order[k]];
        }

        (double[] splineB, double[] splineZ) = FmmSpline.Interpolate(sortedB, sortedZ);
        return (FmmSpline.Approx(splineZ, splineB, lowCut), FmmSpline.Approx(splineZ, splineB, highCut));
    }
}
