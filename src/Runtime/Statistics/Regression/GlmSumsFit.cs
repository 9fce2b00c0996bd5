using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>An IRLS source whose points are sums from an engine (<c>SqlGlmSource</c>), with what the divergence check needs.</summary>
internal interface IGlmSumsSource : IGlmIrlsSource
{
    /// <summary>max |x_ij| of each column over the fitted rows.</summary>
    double[] ColumnScale { get; }

    /// <summary>When set, the start point is the point at this β (the divergence check continues from the fit).</summary>
    double[]? StartBeta { get; set; }
}

/// <summary>A point with the boundary counts of its μ.</summary>
internal interface IGlmSumsPoint : IGlmIrlsPoint
{
    /// <summary>Rows with μ within 10ε of the boundary (R's warning threshold).</summary>
    long AtBoundary { get; }

    /// <summary>Rows with μ within 1e-6 of the boundary (<see cref="GlmDivergence"/>'s).</summary>
    long NearBoundary { get; }
}

/// <summary>
/// A logistic (0/1 response, weights 1) or Poisson regression without offset, fitted from per-point sums
/// (<see cref="IGlmSumsSource"/>) by the in-memory iteration (<see cref="GlmIrls.Iterate"/>), and summarised as
/// <see cref="GeneralizedLinearModel.Fit"/> does, with the closed forms the rows are not needed for.
/// </summary>
/// <remarks>
/// With ȳ = S/n, S = Σy: the null deviance is −2[S·ln ȳ + (n − S)·ln(1 − ȳ)] (binomial) or 2Σy·ln y − 2S·ln ȳ
/// (Poisson; Σ(y − ȳ) = 0), the deviance at the intercept-only fit μ = ȳ. AIC: for a 0/1 response the binomial
/// log-density is ln μ or ln(1 − μ), so R's family AIC is the deviance; the Poisson one is −2Σ(y·ln μ − μ − ln y!) =
/// D − 2Σy·ln y + 2S + 2Σ ln y!; both plus 2·rank, and logLik = rank − AIC/2 (R's <c>logLik.glm</c>). SEs from
/// (XᵀWX)⁻¹ of the last step (dispersion 1), z and Wald intervals as in memory. The separation / zero-rate check is
/// <see cref="GlmDivergence"/>'s: when a μ is within 1e-6 of the boundary, 10 more iterations from the fit without a
/// convergence rule, and a coefficient is diverging when |Δβ_j|·max|x_j| exceeds 0.5. Profile-likelihood intervals
/// are not computed (NaN): each profile step is a refit, one query per iteration, for each coefficient and side.
/// </remarks>
internal static class GlmSumsFit
{
    public static GlmFit Fit(IGlmSumsSource source, IReadOnlyList<string> names, GlmFamilyKind family, int n, double sumY, double yLogY, double logFactorial, GlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(names);
        bool binomial = family == GlmFamilyKind.Binomial;
        if (family is not (GlmFamilyKind.Binomial or GlmFamilyKind.Poisson))
        {
            throw new ArgumentException("Only the binomial and Poisson families are fitted from sums.", nameof(family));
        }

        var warnings = new List<GlmWarning>();
        GlmIterationResult fit = GlmIrls.Iterate(source, options.MaxIterations, options.Epsilon);
        if (fit.Failure is not null)
        {
            return GeneralizedLinearModel.FailedFit(family, n, names, fit.Failure, warnings);
        }

        int p = names.Count;
        GeneralizedLinearModel.AddIterationWarnings(fit.Converged, fit.Aliased, names, options, warnings);
        var last = (IGlmSumsPoint)fit.Last;
        int[] diverging = last.NearBoundary > 0 ? Diverging(source, fit) : [];
        if (last.AtBoundary > 0 || diverging.Length > 0)
        {
            warnings.Add(GeneralizedLinearModel.BoundaryWarning(binomial, names, diverging));
        }

        int residualDf = n - fit.Rank;
        int nullDf = n - 1;
        double mean = sumY / n;
        double nullDeviance = binomial
            ? -2 * ((sumY == 0 ? 0 : sumY * Math.Log(mean)) + (n - sumY == 0 ? 0 : (n - sumY) * Math.Log(1 - mean)))
            : (2 * yLogY) - (sumY == 0 ? 0 : 2 * sumY * Math.Log(mean));
        double familyAic = binomial ? fit.Deviance : fit.Deviance - (2 * yLogY) + (2 * sumY) + (2 * logFactorial);
        double aic = familyAic + (2 * fit.Rank);
        double logLik = fit.Rank - (aic / 2);

        double zWald = Normal.InvCDF(0, 1, (1 + options.Level) / 2);
        var covariance = new double[p, p];
        var coefficients = new GlmCoefficient[p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                covariance[a, b] = fit.Aliased[a] || fit.Aliased[b] ? double.NaN : fit.Unscaled[a, b];
            }

            if (fit.Aliased[a])
            {
                coefficients[a] = new GlmCoefficient(names[a], true, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
                continue;
            }

            double beta = fit.Coefficients[a];
            double se = Math.Sqrt(fit.Unscaled[a, a]);
            double statistic = beta / se;
            coefficients[a] = new GlmCoefficient(names[a], false, beta, se, statistic, 2 * Normal.CDF(0, 1, -Math.Abs(statistic)),
                beta - (zWald * se), beta + (zWald * se), double.NaN, double.NaN);
        }

        return new GlmFit(family, n, coefficients, false, fit.Deviance, nullDeviance, residualDf, nullDf, aic, logLik, 1, double.NaN, double.NaN,
            fit.Iterations, 0, fit.Converged, fit.Rank, covariance, [], warnings);
    }

    /// <summary><see cref="GlmDivergence.Diverging"/> from sums: 10 iterations on from the fit, ε = 0.</summary>
    private static int[] Diverging(IGlmSumsSource source, GlmIterationResult fit)
    {
        source.StartBeta = fit.Coefficients;
        GlmIterationResult further;
        try
        {
            further = GlmIrls.Iterate(source, 10, 0);
        }
        finally
        {
            source.StartBeta = null;
        }

        if (further.Failure is not null)
        {
            return [];
        }

        double[] scale = source.ColumnScale;
        return Enumerable.Range(0, fit.Coefficients.Length)
            .Where(j => !fit.Aliased[j] && Math.Abs(further.Coefficients[j] - fit.Coefficients[j]) * scale[j] > 0.5).ToArray();
    }
}
