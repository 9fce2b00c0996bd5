using System;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The normal-theory pieces every effect measure shares: the 95% quantile and two-sided p-values.</summary>
internal static class EffectMath
{
    /// <summary>qnorm(0.975), the 95% two-sided normal quantile.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Two-sided p of a standard normal z: 2 Φ(-|z|) = erfc(|z| / √2), accurate in the far tail; NaN stays NaN.</summary>
    public static double TwoSidedNormalP(double z) => double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Upper tail of χ² with 1 df, R's <c>pchisq(x, 1, lower.tail = FALSE)</c> = erfc(√(x / 2)), accurate for tiny p.</summary>
    public static double ChiSquareOneDfP(double statistic) =>
        double.IsNaN(statistic) || statistic < 0 ? double.NaN : SpecialFunctions.Erfc(Math.Sqrt(statistic / 2));
}
