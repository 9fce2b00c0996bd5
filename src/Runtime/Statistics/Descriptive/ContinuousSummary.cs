namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// Summary of one continuous variable: counts, mean and SD, median and quartiles, range.
/// </summary>
/// <param name="N">Number of non-missing values.</param>
/// <param name="Missing">Number of missing values (NaN).</param>
/// <param name="Mean">Arithmetic mean; NaN when <paramref name="N"/> is 0.</param>
/// <param name="StandardDeviation">Sample SD with divisor n - 1; NaN when <paramref name="N"/> &lt; 2.</param>
/// <param name="Median">Median; NaN when <paramref name="N"/> is 0.</param>
/// <param name="Q1">First quartile, R <c>quantile(type = 7)</c>.</param>
/// <param name="Q3">Third quartile, R <c>quantile(type = 7)</c>.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
public readonly record struct ContinuousSummary(
    int N,
    int Missing,
    double Mean,
    double StandardDeviation,
    double Median,
    double Q1,
    double Q3,
    double Min,
    double Max);
