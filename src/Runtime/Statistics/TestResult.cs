using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// Result of a hypothesis test, shaped like R's <c>htest</c>: the statistic, its degrees of
/// freedom, the two-sided p-value and, where the test has one, an estimate with a 95% CI.
/// </summary>
/// <param name="Method">What was computed, in words (R's <c>method</c>).</param>
/// <param name="StatisticName">Name of the statistic, e.g. "W", "t", "X-squared".</param>
/// <param name="Statistic">Value of the statistic; NaN when it is undefined.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom (for F tests, the numerator's); null when the test has none.</param>
/// <param name="PValue">Two-sided p-value; NaN when the test is undefined (see <paramref name="Warnings"/>).</param>
/// <param name="EstimateName">Name of the estimate, e.g. "difference in means", "odds ratio".</param>
/// <param name="Estimate">The estimate, or null when the test has none.</param>
/// <param name="ConfidenceLow">Lower limit of the 95% confidence interval.</param>
/// <param name="ConfidenceHigh">Upper limit of the 95% confidence interval.</param>
/// <param name="Warnings">Why a result is NaN or should be read with care; empty when all is well.</param>
public sealed record TestResult(
    string Method,
    string StatisticName,
    double Statistic,
    double? DegreesOfFreedom,
    double PValue,
    string? EstimateName,
    double? Estimate,
    double? ConfidenceLow,
    double? ConfidenceHigh,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Denominator degrees of freedom of an F test; null for other tests.</summary>
    public double? DenominatorDegreesOfFreedom { get; init; }

    /// <summary>Confidence level of the interval when it can differ from 0.95 (an exact Hodges-Lehmann interval of small samples); null otherwise.</summary>
    public double? ConfidenceLevel { get; init; }

    /// <summary>Standard error of the estimate (R's <c>htest$stderr</c>, set by t-tests); null for other tests.</summary>
    public double? StandardError { get; init; }

    /// <summary>Expected counts under independence, rows × columns of the tested table (R's <c>chisq.test(...)$expected</c>); null for other tests.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Expected { get; init; }

    /// <summary>The sums-of-squares table of a one-way ANOVA (between groups, then within); null for other tests.</summary>
    public IReadOnlyList<SumOfSquaresRow>? SumsOfSquares { get; init; }

    /// <summary>A result whose statistic and p-value are undefined, with the reason.</summary>
    internal static TestResult Undefined(string method, string statisticName, IReadOnlyList<string> warnings) =>
        new(method, statisticName, double.NaN, null, double.NaN, null, null, null, null, warnings);
}

/// <summary>A row of an analysis-of-variance table, as <c>anova(lm(y ~ g))</c>: the source, its df, sum of squares and mean square.</summary>
/// <param name="Source">"between" (R's row named after the factor) or "within" (R's "Residuals").</param>
public sealed record SumOfSquaresRow(string Source, double DegreesOfFreedom, double SumOfSquares, double MeanSquare);
