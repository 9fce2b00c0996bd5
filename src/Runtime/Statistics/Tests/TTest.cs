using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Two-sample t-tests for a difference in means.</summary>
public static class TTest
{
    private const string StudentMethod = "Two-sample t-test (equal variances)";
    private const string WelchMethod = "Welch two-sample t-test";
    private const string EstimateName = "difference in means";

    /// <summary>R's <c>.Machine$double.eps</c>, 2^-52.</summary>
    private const double RMachineEpsilon = 2.220446049250313e-16;

    /// <summary>Student's two-sample t-test with pooled variance. O(n).</summary>
    /// <remarks>
    /// t = (mean(x) - mean(y)) / (s_p sqrt(1/n1 + 1/n2)) with the pooled variance
    /// s_p^2 = ((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2), on n1 + n2 - 2 degrees of freedom;
    /// two-sided p from Student's t; the 95% CI of mean(x) - mean(y) is the estimate
    /// ± t(0.975, df) times the standard error (Armitage, Berry &amp; Matthews 2002, Statistical
    /// Methods in Medical Research, 4th ed., section 4.3). Like R, a group of size 1 is allowed
    /// when the other supplies the variance (n1 + n2 &gt;= 3).
    /// R: <c>t.test(x, y, var.equal = TRUE)</c> (src/library/stats/R/t.test.R).
    /// </remarks>
    public static TestResult Student(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var warnings = new List<string>();
        GroupMoments gx = GroupMoments.Of(Samples.Finite(x, "x", warnings));
        GroupMoments gy = GroupMoments.Of(Samples.Finite(y, "y", warnings));
        return Student(gx, gy, warnings);
    }

    /// <summary>The same test from each group's size, mean and variance (as an engine returns them with one GROUP BY).</summary>
    public static TestResult Student(GroupMoments x, GroupMoments y) => Student(x, y, []);

    private static TestResult Student(GroupMoments gx, GroupMoments gy, List<string> warnings)
    {
        if (gx.N < 1 || gy.N < 1 || gx.N + gy.N < 3)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Student t-test needs at least 1 observation per group and 3 in all; group sizes {gx.N} and {gy.N}"));
            return TestResult.Undefined(StudentMethod, "t", warnings);
        }

        double df = gx.N + gy.N - 2;
        double pooled = (((gx.N - 1) * gx.Variance0) + ((gy.N - 1) * gy.Variance0)) / df;
        double standardError = Math.Sqrt(pooled * ((1.0 / gx.N) + (1.0 / gy.N)));
        return Finish(StudentMethod, gx, gy, standardError, df, warnings);
    }

    /// <summary>Welch's two-sample t-test for unequal variances. O(n).</summary>
    /// <remarks>
    /// t = (mean(x) - mean(y)) / sqrt(s1^2/n1 + s2^2/n2) with the Welch-Satterthwaite degrees of
    /// freedom df = (s1^2/n1 + s2^2/n2)^2 / ((s1^2/n1)^2/(n1 - 1) + (s2^2/n2)^2/(n2 - 1))
    /// (Welch 1947, Biometrika 34:28-35; Satterthwaite 1946); p and the 95% CI as in
    /// <see cref="Student"/>. R: <c>t.test(x, y)</c>, i.e. <c>var.equal = FALSE</c>.
    /// </remarks>
    public static TestResult Welch(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var warnings = new List<string>();
        GroupMoments gx = GroupMoments.Of(Samples.Finite(x, "x", warnings));
        GroupMoments gy = GroupMoments.Of(Samples.Finite(y, "y", warnings));
        return Welch(gx, gy, warnings);
    }

    /// <summary>The same test from each group's size, mean and variance.</summary>
    public static TestResult Welch(GroupMoments x, GroupMoments y) => Welch(x, y, []);

    private static TestResult Welch(GroupMoments gx, GroupMoments gy, List<string> warnings)
    {
        if (gx.N < 2 || gy.N < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Welch t-test needs at least 2 observations per group; group sizes {gx.N} and {gy.N}"));
            return TestResult.Undefined(WelchMethod, "t", warnings);
        }

        double sx = gx.Variance0 / gx.N;
        double sy = gy.Variance0 / gy.N;
        double standardError = Math.Sqrt(sx + sy);
        double df = Math.Pow(standardError, 4) / ((sx * sx / (gx.N - 1)) + (sy * sy / (gy.N - 1)));
        return Finish(WelchMethod, gx, gy, standardError, df, warnings);
    }

    private static TestResult Finish(string method, GroupMoments gx, GroupMoments gy, double standardError, double df, List<string> warnings)
    {
        double difference = gx.Mean - gy.Mean;

        // R stops with "data are essentially constant" when the standard error is below
        // 10 * .Machine$double.eps * max(|mean|); we report it, and also the case of all zeros.
        double bound = 10 * RMachineEpsilon * Math.Max(Math.Abs(gx.Mean), Math.Abs(gy.Mean));
        if (standardError < bound || !(standardError > 0))
        {
            warnings.Add("t-test is undefined: the data are essentially constant (zero variance)");
            return TestResult.Undefined(method, "t", warnings) with { EstimateName = EstimateName, Estimate = difference, StandardError = standardError };
        }

        double t = difference / standardError;

        // Two-sided p = P(|T| > |t|) = I_{df/(df + t^2)}(df/2, 1/2), accurate far into the tail.
        double p = SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
        double half = StudentT.InvCDF(0, 1, df, 0.975) * standardError;
        return new TestResult(method, "t", t, df, p, EstimateName, difference, difference - half, difference + half, warnings) { StandardError = standardError };
    }
}
