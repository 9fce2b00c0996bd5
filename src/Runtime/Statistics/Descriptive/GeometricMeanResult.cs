using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Geometric mean of a positive variable with its 95% confidence interval.</summary>
/// <param name="N">Number of non-missing values used.</param>
/// <param name="Estimate">exp(mean(log x)); NaN when undefined (see <paramref name="Warnings"/>).</param>
/// <param name="Lower">Lower 95% confidence limit; NaN when undefined.</param>
/// <param name="Upper">Upper 95% confidence limit; NaN when undefined.</param>
/// <param name="Warnings">Why a value is NaN (non-positive data, too few values, constant data).</param>
public sealed record GeometricMeanResult(
    int N,
    double Estimate,
    double Lower,
    double Upper,
    IReadOnlyList<string> Warnings);
