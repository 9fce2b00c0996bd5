using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// What an effect measure's row adds to its <see cref="TestOutcome"/> (estimate, 95% CI, statistic and p): the measure,
/// its interval method, the R equivalent, and for nnt and stratified measures their details.
/// </summary>
/// <param name="Measure">"risk_difference", "relative_risk", "odds_ratio", "nnt", "rate_ratio" or "rate_difference".</param>
/// <param name="Interval">The CI's method: "newcombe_hybrid_score", "katz_log", "wald_log", "exact_conditional",
/// "robins_breslow_greenland", "greenland_robins", "greenland_robins_log", "exact_binomial" or "wald".</param>
/// <param name="NullValue">The value of no effect: 0 for differences, 1 for ratios; nnt has none (infinity), so it is absent.</param>
/// <param name="REquivalent">The R call, or the formula computed in R where R has no function.</param>
public sealed record EffectResult(string Measure, string Interval, double? NullValue, string REquivalent)
{
    /// <summary>The number needed to treat; set for nnt only.</summary>
    public NntDetail? Nnt { get; init; }

    /// <summary>The strata of a Mantel-Haenszel measure; absent without <c>strata</c>.</summary>
    public EffectStrata? Strata { get; init; }

    /// <summary>rate_ratio: the expected events of the first group under equal rates (R poisson.test's <c>parameter</c>).</summary>
    public double? ExpectedFirst { get; init; }
}

/// <summary>
/// The number needed to treat and its CI (Altman 1998): 1 / RD, and the reciprocals of RD's limits.
/// </summary>
/// <param name="Direction">"neutral", "beneficial" or "harmful": what the study said the event is.</param>
/// <param name="Kind">The estimate's reading: "nntb", "nnth", "more_events", "fewer_events" (neutral), or "none" when RD = 0.</param>
/// <param name="Value">|1 / RD|, the number of subjects treated for one more (or one fewer) event; null when RD is undefined or 0.</param>
/// <param name="CrossesInfinity">RD's CI includes 0: the NNT's CI runs from <see cref="FewerEventsLimit"/> through ∞ to <see cref="MoreEventsLimit"/>.</param>
/// <param name="Low">The CI's lower end (|1 / RD| scale) when it does not cross ∞.</param>
/// <param name="High">The CI's upper end when it does not cross ∞.</param>
/// <param name="FewerEventsLimit">When crossing ∞: 1 / |RD's lower limit|, the limit on the "fewer events" side.</param>
/// <param name="MoreEventsLimit">When crossing ∞: 1 / RD's upper limit, the limit on the "more events" side.</param>
public sealed record NntDetail(string Direction, string Kind, double? Value, bool CrossesInfinity, double? Low, double? High,
    double? FewerEventsLimit = null, double? MoreEventsLimit = null);

/// <summary>The strata of a Mantel-Haenszel measure: the crossed levels of the strata variables, with each stratum's table.</summary>
/// <param name="Variables">The strata variables' names.</param>
/// <param name="Used">Strata in which both groups have subjects.</param>
/// <param name="LeftOut">Strata in which one group has none: they carry no information and are left out (PL5091).</param>
public sealed record EffectStrata(IReadOnlyList<string> Variables, int Used, int LeftOut, IReadOnlyList<EffectStratum> Tables);

/// <summary>One stratum's 2 × 2 table: events and subjects of the first and second group (and their person-time, for a rate).</summary>
/// <param name="Stratum">The levels' labels, ", "-joined in the order of the strata variables.</param>
public sealed record EffectStratum(string Stratum, int EventsFirst, int NFirst, int EventsSecond, int NSecond)
{
    /// <summary>The first group's person-time in this stratum; null unless the measure is a rate.</summary>
    public double? PersonTimeFirst { get; init; }

    /// <summary>The second group's person-time in this stratum; null unless the measure is a rate.</summary>
    public double? PersonTimeSecond { get; init; }
}
