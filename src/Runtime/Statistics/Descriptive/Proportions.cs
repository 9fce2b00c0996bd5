using System;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Confidence intervals for a single binomial proportion.</summary>
public static class Proportions
{
    /// <summary>
    /// Wilson score interval of <paramref name="successes"/> / <paramref name="n"/>, without
    /// continuity correction. O(1).
    /// </summary>
    /// <param name="successes">Number of successes, 0 to <paramref name="n"/>.</param>
    /// <param name="n">Number of trials, at least 1.</param>
    /// <param name="confidence">Confidence level in (0, 1); 0.95 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/> &lt; 1, <paramref name="successes"/> outside [0, n] or
    /// <paramref name="confidence"/> outside (0, 1).
    /// </exception>
    /// <remarks>
    /// The proportions p0 whose score test |p - p0| / sqrt(p0 (1 - p0) / n) &lt;= z does not
    /// reject, z the (1 + confidence) / 2 normal quantile: the roots
    /// (p + z^2/(2n) ± z sqrt(p (1 - p) / n + z^2/(4n^2))) / (1 + z^2/n), with p = successes / n.
    /// Wilson (1927), JASA 22, 209-212; Newcombe (1998), Statistics in Medicine 17, 857-872,
    /// method 3. R: <c>prop.test(successes, n, conf.level = confidence, correct = FALSE)$conf.int</c>
    /// (src/library/stats/R/prop.test.R), whose arithmetic is followed term by term.
    /// </remarks>
    public static ProportionInterval Wilson(int successes, int n, double confidence = 0.95) =>
        Score(successes, n, confidence, continuityCorrection: false);

    /// <summary>
    /// Wilson score interval of <paramref name="successes"/> / <paramref name="n"/> with Yates'
    /// continuity correction. O(1).
    /// </summary>
    /// <param name="successes">Number of successes, 0 to <paramref name="n"/>.</param>
    /// <param name="n">Number of trials, at least 1.</param>
    /// <param name="confidence">Confidence level in (0, 1); 0.95 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Wilson"/>.</exception>
    /// <remarks>
    /// As <see cref="Wilson"/>, with p replaced by p + c/n in the upper limit and by p - c/n in the
    /// lower, c = min(1/2, |successes - n/2|) (R's correction, capped at the distance from the
    /// null value 1/2 of <c>prop.test</c>); the upper limit is 1 when p + c/n &gt;= 1 and the lower
    /// 0 when p - c/n &lt;= 0. Newcombe (1998), Statistics in Medicine 17, 857-872, method 4.
    /// R: <c>prop.test(successes, n, conf.level = confidence, correct = TRUE)$conf.int</c>.
    /// </remarks>
    public static ProportionInterval WilsonContinuityCorrected(int successes, int n, double confidence = 0.95) =>
        Score(successes, n, confidence, continuityCorrection: true);

    private static ProportionInterval Score(int successes, int n, double confidence, bool continuityCorrection)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be between 0 and 1");
        }

        double estimate = (double)successes / n;
        double z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        double yates = continuityCorrection ? Math.Min(0.5, Math.Abs(successes - (n * 0.5))) : 0;
        double z22n = z * z / (2.0 * n);

        double pc = estimate + (yates / n);
        double upper = pc >= 1 ? 1 : (pc + z22n + (z * Math.Sqrt((pc * (1 - pc) / n) + (z22n / (2.0 * n))))) / (1 + (2 * z22n));
        pc = estimate - (yates / n);
        double lower = pc <= 0 ? 0 : (pc + z22n - (z * Math.Sqrt((pc * (1 - pc) / n) + (z22n / (2.0 * n))))) / (1 + (2 * z22n));
        return new ProportionInterval(estimate, Math.Max(lower, 0), Math.Min(upper, 1));
    }
}
