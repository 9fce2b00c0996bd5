using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>What one IRLS run ends with (R's <c>glm.fit</c> value, the parts the kernel uses).</summary>
internal sealed record GlmIrlsResult(
    double[] Coefficients,
    bool[] Aliased,
    int Rank,
    double[] Eta,
    double[] Mu,
    double Deviance,
    int Iterations,
    bool Converged,
    bool Boundary,
    double[] WorkingWeights,
    double[,] UnscaledCovariance,
    string? Failure);

/// <summary>
/// Iteratively reweighted least squares for a GLM, following the steps R's <c>glm.fit</c> documents
/// (McCullagh &amp; Nelder 1989, section 2.5): from the family's starting μ (or a given η), repeat
/// z = η − offset + (y − μ)/μ'(η), w = √(prior · μ'(η)² / V(μ)), β = argmin ‖w ∘ (Xβ − z)‖ (a QR
/// least-squares solve, MathNet.Numerics), until |D − D_old| / (|D| + 0.1) &lt; ε (ε = 1e-8) or maxit
/// (25) iterations. A step that gives a non-finite deviance or an invalid μ is halved towards the
/// previous β (R's "step size truncated", which sets <c>boundary</c>). Columns whose weighted residual
/// norm, after projecting out the columns before them, falls below 1e-11 of their own norm are
/// aliased, as R's <c>Cdqrls(tol = min(1e-7, ε/1000))</c> pivots them out: their coefficient is 0 in η
/// and NA in the results. Observations with prior weight 0 (or μ'(η) = 0) take no part in the solve.
/// </summary>
/// <remarks>
/// As in glm.fit, the working weights and (XᵀWX)⁻¹ kept at the end are those of the last least-squares
/// solve, i.e. evaluated at the μ before the final update; R's standard errors and Pearson dispersion
/// use these, so the kernel does too. Cost: O(n·p²) per iteration.
/// </remarks>
internal static class GlmIrls
{
    internal const double AliasTolerance = 1e-11;

    public static GlmIrlsResult Fit(
        IReadOnlyList<double[]> columns,
        double[] y,
        double[] weights,
        double[] offset,
        GlmFamily family,
        double[]? etaStart,
        double[]? muStart,
        int maxIterations,
        double epsilon)
    {
        int n = y.Length, p = columns.Count;
        var source = new RowsSource(columns, y, weights, offset, family, etaStart, muStart);
        GlmIterationResult result = Iterate(source, maxIterations, epsilon);
        if (result.Failure is not null)
        {
            return Failed(p, n, result.Failure);
        }

        var last = (RowsPoint)result.Last;
        var solved = (RowsPoint?)result.Solved;
        return new GlmIrlsResult(result.Coefficients, result.Aliased, result.Rank, last.Eta, last.Mu, result.Deviance, result.Iterations, result.Converged,
            result.Boundary, solved?.Working ?? new double[n], result.Unscaled, null);
    }

    /// <summary>
    /// The iteration itself, over any <see cref="IGlmIrlsSource"/>: the rows in memory (<see cref="Fit"/>) or an engine's
    /// sums at each β (<c>SqlGlm</c>). One evaluation per iteration (plus one per step halving), the same convergence
    /// rule and iteration count for both: |D − D_old| / (|D| + 0.1) &lt; ε, at most maxit iterations.
    /// </summary>
    public static GlmIterationResult Iterate(IGlmIrlsSource source, int maxIterations, double epsilon)
    {
        int p = source.Columns;
        IGlmIrlsPoint point = source.Start();
        if (!point.Valid)
        {
            return GlmIterationResult.Failed("cannot find valid starting values: please specify some", point);
        }

        double devOld = point.Deviance;
        double[]? coefOld = null;
        double[] coef = new double[p];
        bool converged = false, boundary = false;
        int iteration, rank = 0;
        var aliased = new bool[p];
        double[,] unscaled = new double[p, p];
        double dev = devOld;
        IGlmIrlsPoint? solvedAt = null;

        for (iteration = 1; iteration <= maxIterations; iteration++)
        {
            GlmStep? step = point.Solve();
            if (step is null)
            {
                return GlmIterationResult.Failed("no observations informative at iteration " + iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), point);
            }

            solvedAt = point;
            rank = step.Rank;
            aliased = step.Aliased;
            unscaled = step.Unscaled;
            double[] start = step.Beta;
            foreach (double b in start)
            {
                if (!double.IsFinite(b))
                {
                    return GlmIterationResult.Failed("non-finite coefficients at iteration " + iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), point);
                }
            }

            point = source.At(start);
            dev = point.Deviance;
            boundary = false;
            if (!double.IsFinite(dev) || !point.Valid)
            {
                if (coefOld is null)
                {
                    return GlmIterationResult.Failed("no valid set of coefficients has been found: please supply starting values", point);
                }

                for (int halving = 1; !double.IsFinite(dev) || !point.Valid; halving++)
                {
                    if (halving > maxIterations)
                    {
                        return GlmIterationResult.Failed("inner loop: cannot correct step size", point);
                    }

                    for (int j = 0; j < p; j++)
                    {
                        start[j] = (start[j] + coefOld[j]) / 2;
                    }

                    point = source.At(start);
                    dev = point.Deviance;
                }

                boundary = true;
            }

            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < epsilon)
            {
                converged = true;
                coef = start;
                break;
            }

            devOld = dev;
            coef = (double[])start.Clone();
            coefOld = (double[])start.Clone();
        }

        iteration = Math.Min(iteration, maxIterations);
        return new GlmIterationResult(coef, aliased, rank, dev, iteration, converged, boundary, unscaled, null, point, solvedAt);
    }

    internal static double Deviance(GlmFamily family, double[] y, double[] mu, double[] weights)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += family.DevianceResidual(y[i], mu[i], weights[i]);
        }

        return sum;
    }

    private static bool AllValid(GlmFamily family, double[] mu)
    {
        foreach (double m in mu)
        {
            if (!family.ValidMu(m))
            {
                return false;
            }
        }

        return true;
    }

    private static void Update(IReadOnlyList<double[]> columns, double[] beta, double[] offset, GlmFamily family, double[] eta, double[] mu)
    {
        for (int i = 0; i < eta.Length; i++)
        {
            double e = offset[i];
            for (int j = 0; j < columns.Count; j++)
            {
                if (beta[j] != 0)
                {
                    e += columns[j][i] * beta[j];
                }
            }

            eta[i] = e;
            mu[i] = family.LinkInverse(e);
        }
    }

    /// <summary>
    /// Solves the weighted least-squares step on the non-aliased columns by Householder QR
    /// (MathNet.Numerics) and returns (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ for them, NaN-free zeros elsewhere.
    /// </summary>
    private static (double[] Beta, bool[] Aliased, int Rank, double[,] Unscaled) WeightedLeastSquares(
        IReadOnlyList<double[]> columns, List<int> good, List<double> z, List<double> w)
    {
        int p = columns.Count, m = good.Count;
        var weighted = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var c = new double[m];
            for (int k = 0; k < m; k++)
            {
                c[k] = columns[j][good[k]] * w[k];
            }

            weighted[j] = c;
        }

        bool[] aliased = GlmColumnRank.Aliased(weighted, AliasTolerance);
        var kept = new List<int>(p);
        for (int j = 0; j < p; j++)
        {
            if (!aliased[j])
            {
                kept.Add(j);
            }
        }

        var beta = new double[p];
        var unscaled = new double[p, p];
        if (kept.Count == 0)
        {
            return (beta, aliased, 0, unscaled);
        }

        Matrix<double> x = Matrix<double>.Build.Dense(m, kept.Count, (r, c) => weighted[kept[c]][r]);
        Vector<double> rhs = Vector<double>.Build.Dense(m, k => z[k] * w[k]);
        var qr = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        Vector<double> solved = qr.Solve(rhs);
        Matrix<double> rInverse = qr.R.Inverse();
        Matrix<double> cov = rInverse * rInverse.Transpose();
        for (int a = 0; a < kept.Count; a++)
        {
            beta[kept[a]] = solved[a];
            for (int b = 0; b < kept.Count; b++)
            {
                unscaled[kept[a], kept[b]] = cov[a, b];
            }
        }

        return (beta, aliased, kept.Count, unscaled);
    }

    private static GlmIrlsResult Failed(int p, int n, string why) =>
        new(new double[p], new bool[p], 0, new double[n], new double[n], double.NaN, 0, false, false, new double[n], new double[p, p], why);

    /// <summary>The rows in memory: η and μ per row at each point, the QR least-squares step of <see cref="WeightedLeastSquares"/>.</summary>
    private sealed class RowsSource(IReadOnlyList<double[]> columns, double[] y, double[] weights, double[] offset, GlmFamily family, double[]? etaStart, double[]? muStart)
        : IGlmIrlsSource
    {
        public int Columns => columns.Count;

        public IGlmIrlsPoint Start()
        {
            int n = y.Length;
            var eta = new double[n];
            var mu = new double[n];
            for (int i = 0; i < n; i++)
            {
                eta[i] = etaStart is not null ? etaStart[i] : family.Link(muStart is not null ? muStart[i] : family.StartingMu(y[i], weights[i]));
                mu[i] = family.LinkInverse(eta[i]);
                if (!family.ValidMu(mu[i]))
                {
                    return new RowsPoint(this, eta, mu, false);
                }
            }

            return new RowsPoint(this, eta, mu, true);
        }

        public IGlmIrlsPoint At(double[] beta)
        {
            var eta = new double[y.Length];
            var mu = new double[y.Length];
            Update(columns, beta, offset, family, eta, mu);
            return new RowsPoint(this, eta, mu, AllValid(family, mu));
        }

        public double Deviance(double[] mu) => GlmIrls.Deviance(family, y, mu, weights);

        public GlmStep? Solve(double[] eta, double[] mu, double[] working)
        {
            int n = y.Length;
            var good = new List<int>(n);
            var z = new List<double>(n);
            var w = new List<double>(n);
            for (int i = 0; i < n; i++)
            {
                double me = family.MuEta(eta[i]);
                if (weights[i] > 0 && me != 0)
                {
                    good.Add(i);
                    z.Add(eta[i] - offset[i] + ((y[i] - mu[i]) / me));
                    double wi = Math.Sqrt(weights[i] * me * me / family.Variance(mu[i]));
                    w.Add(wi);
                    working[i] = wi * wi;
                }
            }

            if (good.Count == 0)
            {
                return null;
            }

            (double[] beta, bool[] aliased, int rank, double[,] unscaled) = WeightedLeastSquares(columns, good, z, w);
            return new GlmStep(beta, aliased, rank, unscaled);
        }
    }

    private sealed class RowsPoint : IGlmIrlsPoint
    {
        private readonly RowsSource _source;

        public RowsPoint(RowsSource source, double[] eta, double[] mu, bool valid)
        {
            _source = source;
            Eta = eta;
            Mu = mu;
            Valid = valid;
            Working = new double[eta.Length];
            Deviance = valid ? source.Deviance(mu) : double.NaN;
        }

        public double[] Eta { get; }

        public double[] Mu { get; }

        /// <summary>The working weights w² of this point's least-squares step (0 for rows that take no part).</summary>
        public double[] Working { get; }

        public bool Valid { get; }

        public double Deviance { get; }

        public GlmStep? Solve() => _source.Solve(Eta, Mu, Working);
    }
}
