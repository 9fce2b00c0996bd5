using System;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Designs whose variance components cannot be estimated, found before the optimiser runs, so a
/// fit never ends in an exception or in an arbitrary split of the variance.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A response that does not vary: the profiled criterion has no minimum (σ → 0), so
/// Nelder-Mead does not converge; lme4 warns of a failed convergence and reports σ ≈ 1e-15.</item>
/// <item>Too few observations for the random effects: with n rows, m subjects and q random
/// effects per subject, n ≤ q·m leaves the random effects and the residual variance
/// unidentifiable (any split fits equally well). lme4 stops: for q = 1 with "number of levels of
/// each grouping factor must be &lt; number of observations" (<c>check.nlev.gtreq.nobs</c>), and
/// in general with "number of observations (=n) &lt;= number of random effects (=q·m)"
/// (<c>check.nobs.vs.nRE = "stop"</c>; Bates et al. 2015, J Stat Softw 67(1), lmerControl).</item>
/// </list>
/// O(n).
/// </remarks>
public static class MixedModelIdentifiability
{
    /// <summary>Relative range below which a response is taken as constant (rounding noise of a constant).</summary>
    private const double RelativeTolerance = 1e-12;

    /// <summary>Why the response does not vary, or null when it does.</summary>
    public static string? ConstantResponse(MixedModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        double[] y = input.Response;
        if (y.Length == 0)
        {
            return null;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in y)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return Constant(min, max, y.Length);
    }

    /// <summary>The same from the response's range over the fitted rows (a data engine's MIN and MAX).</summary>
    public static string? ConstantResponse(MixedModelCrossProducts data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Observations == 0 ? null : Constant(data.ResponseMin, data.ResponseMax, data.Observations);
    }

    /// <summary>Why there are too few rows for the random effects, from the model's sums.</summary>
    public static string? TooFewObservations(MixedModelCrossProducts data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return TooFew(data.Observations, data.Subjects, data.Random.Count);
    }

    private static string? Constant(double min, double max, int n)
    {
        bool constant = max - min <= RelativeTolerance * Math.Max(Math.Abs(min), Math.Abs(max));
        return constant
            ? string.Create(CultureInfo.InvariantCulture, $"the response has the same value ({min.ToString("R", CultureInfo.InvariantCulture)}) in all {n} fitted rows, so no variance component is estimable")
            : null;
    }

    /// <summary>Why there are too few rows for the random effects (lme4's wording), or null.</summary>
    public static string? TooFewObservations(MixedModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TooFew(input.Response.Length, input.Subjects, input.RandomCount);
    }

    private static string? TooFew(int n, int m, int q)
    {
        if (q == 1 && m >= n)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{m} subjects with {n} rows: number of levels of each grouping factor must be < number of observations (as lme4 stops); with one row per subject the subject and residual variances cannot be told apart");
        }

        if (n <= (long)q * m)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"number of observations (={n}) <= number of random effects (={(long)q * m}) for {q} random effects per subject over {m} subjects (as lme4 stops): the random-effects parameters and the residual variance are unidentifiable");
        }

        return null;
    }
}
