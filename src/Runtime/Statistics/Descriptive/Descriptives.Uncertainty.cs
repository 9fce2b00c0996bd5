using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <content>Standard error of the mean and the geometric mean with its confidence interval.</content>
public static partial class Descriptives
{
    /// <summary>R's <c>.Machine$double.eps</c>, 2^-52.</summary>
    private const double RMachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Standard error of the mean of <paramref name="values"/>, NaN marking a missing value that is
    /// left out. O(n) time, O(n) memory.
    /// </summary>
    /// <returns>sd / sqrt(n); NaN when fewer than 2 values are present.</returns>
    /// <remarks>
    /// The sample SD (divisor n - 1, two-pass as R's <c>sd()</c>) divided by the square root of the
    /// number n of non-missing values (Altman 1991, Practical Statistics for Medical Research,
    /// section 8.3). R: <c>sd(x, na.rm = TRUE) / sqrt(sum(!is.na(x)))</c>, which is also
    /// <c>t.test(x)$stderr</c>.
    /// </remarks>
    public static double StandardError(ReadOnlySpan<double> values)
    {
        double[] data = WithoutNaN(values);
        int n = data.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double sd = Math.Sqrt(SumOfSquaredDeviations(data, Mean(data)) / (n - 1));
        return sd / Math.Sqrt(n);
    }

    /// <summary>
    /// Geometric mean of <paramref name="values"/> with a t-based 95% confidence interval; NaN
    /// marks a missing value that is left out. O(n) time, O(n) memory.
    /// </summary>
    /// <remarks>
    /// The arithmetic mean of the logarithms, transformed back: GM = exp(mean(log x)). The interval
    /// is the one-sample t interval of log x, mean(log x) ± t(0.975, n - 1) sd(log x) / sqrt(n),
    /// transformed back by exp, so it is asymmetric around GM (Kirkwood and Sterne 2003, Essential
    /// Medical Statistics, 2nd ed., section 13.2). R: <c>exp(mean(log(x)))</c> and
    /// <c>exp(t.test(log(x))$conf.int)</c>, computed as t.test does,
    /// (t ± t(0.975, n - 1)) times the standard error with t = mean / standard error.
    /// Undefined cases carry a warning and NaN instead of R's NaN/-Inf result or error: a value
    /// &lt;= 0 (log undefined; every statistic NaN), fewer than 2 values (the interval NaN; R's
    /// t.test stops with "not enough 'x' observations") and essentially constant logs, standard
    /// error &lt; 10 * .Machine$double.eps * |mean| (the interval NaN; t.test stops with "data are
    /// essentially constant").
    /// </remarks>
    public static GeometricMeanResult GeometricMean(ReadOnlySpan<double> values)
    {
        var warnings = new List<string>();
        double[] logs = WithoutNaN(values);
        int n = logs.Length;
        int nonPositive = 0;
        for (int i = 0; i < n; i++)
        {
            if (logs[i] <= 0)
            {
                nonPositive++;
            }

            logs[i] = Math.Log(logs[i]);
        }

        if (nonPositive > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"geometric mean is undefined: {nonPositive} of {n} values are zero or negative"));
            return new GeometricMeanResult(n, double.NaN, double.NaN, double.NaN, warnings);
        }

        if (n == 0)
        {
            warnings.Add("geometric mean is undefined: no non-missing values");
            return new GeometricMeanResult(0, double.NaN, double.NaN, double.NaN, warnings);
        }

        double mean = Mean(logs);
        double estimate = Math.Exp(mean);
        if (n < 2)
        {
            warnings.Add("confidence interval of the geometric mean needs at least 2 values");
            return new GeometricMeanResult(n, estimate, double.NaN, double.NaN, warnings);
        }

        double standardError = Math.Sqrt(SumOfSquaredDeviations(logs, mean) / (n - 1) / n);
        if (standardError < 10 * RMachineEpsilon * Math.Abs(mean))
        {
            warnings.Add("confidence interval of the geometric mean is undefined: the data are essentially constant");
            return new GeometricMeanResult(n, estimate, double.NaN, double.NaN, warnings);
        }

        double t = mean / standardError;
        double quantile = StudentT.InvCDF(0, 1, n - 1, 0.975);
        return new GeometricMeanResult(
            n,
            estimate,
            Math.Exp((t - quantile) * standardError),
            Math.Exp((t + quantile) * standardError),
            warnings);
    }

    private static double[] WithoutNaN(ReadOnlySpan<double> values)
    {
        double[] kept = new double[values.Length];
        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                kept[n++] = v;
            }
        }

        return n == kept.Length ? kept : kept.AsSpan(0, n).ToArray();
    }
}
