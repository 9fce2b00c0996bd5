namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// The number needed to treat, 1 / RD, with the interval from inverting the risk difference's limits.
/// </summary>
/// <param name="Nnt">1 / RD, signed as RD (positive: more events in the first group); infinite when RD = 0, NaN when RD is.</param>
/// <param name="LimitFromLow">1 / (RD's lower limit).</param>
/// <param name="LimitFromHigh">1 / (RD's upper limit).</param>
/// <param name="CrossesInfinity">RD's CI includes 0: the NNT's CI is the two rays (-∞, 1/L] and [1/U, ∞), through ∞ (Altman 1998).</param>
public sealed record NntResult(double Nnt, double LimitFromLow, double LimitFromHigh, bool CrossesInfinity)
{
    /// <summary>The CI's lower end when it is one interval (RD's CI excludes 0): min(1/L, 1/U); NaN when it crosses ∞.</summary>
    public double Low => CrossesInfinity ? double.NaN : System.Math.Min(LimitFromLow, LimitFromHigh);

    /// <summary>The CI's upper end when it is one interval: max(1/L, 1/U); NaN when it crosses ∞.</summary>
    public double High => CrossesInfinity ? double.NaN : System.Math.Max(LimitFromLow, LimitFromHigh);
}

/// <summary>Number needed to treat from a risk difference and its CI.</summary>
public static class NumberNeededToTreat
{
    /// <summary>NNT = 1 / RD and the inverted limits. O(1).</summary>
    /// <remarks>
    /// Altman (1998), "Confidence intervals for the number needed to treat", BMJ 317, 1309-1312: the limits of the NNT
    /// are the reciprocals of the risk difference's limits (L, U). When (L, U) excludes 0 the CI is (1/U, 1/L) (ordered);
    /// when it includes 0 the set of NNTs compatible with the data is |NNT| ≥ 1/U on one side and ≥ 1/|L| on the
    /// other, written "NNTH 1/|L| to ∞ to NNTB 1/U" (benefit and harm depend on whether the event is good or bad; see
    /// <c>nnt beneficial</c> / <c>nnt harmful</c> in docs/language.md). The RD's CI is Newcombe's hybrid score interval
    /// (<see cref="RiskDifference.Newcombe"/>); R has no function: the fixture inverts its Newcombe limits.
    /// </remarks>
    public static NntResult FromRiskDifference(double riskDifference, double low, double high)
    {
        bool crosses = double.IsNaN(low) || double.IsNaN(high) || (low <= 0 && high >= 0);
        return new NntResult(1 / riskDifference, 1 / low, 1 / high, crosses);
    }
}
