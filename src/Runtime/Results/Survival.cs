using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// Kaplan-Meier curves of a time-to-event outcome by group (<c>survfit(Surv(time, status) ~ group)</c>).
/// Undefined numbers (NaN, R's NA) are written as null; an infinite standard error as "Infinity".
/// </summary>
/// <param name="ConfidenceType">R's <c>conf.type</c>: "log", "log-log" or "plain".</param>
/// <param name="Times">The requested times for survival estimates.</param>
/// <param name="Horizon">Upper limit of the restricted mean; absent when neither a horizon nor a time is given.</param>
/// <param name="LeftOut">Subjects left out for a missing time or event.</param>
public sealed record KaplanMeierResult(
    string Variable,
    string Label,
    string? Unit,
    string ConfidenceType,
    double ConfidenceLevel,
    IReadOnlyList<double> Times,
    double? Horizon,
    int LeftOut,
    IReadOnlyList<KaplanMeierGroup> Groups)
{
    /// <summary>True when the study asked for <c>conf_band</c>: the report's figure draws the pointwise CI as bands; absent otherwise.</summary>
    public bool? ConfBand { get; init; }
}

/// <summary>One group's curve: counts, median with 95% CI (as <c>print(fit)</c>), survival at the requested times, RMST and the full table.</summary>
/// <param name="Median">Median survival; null when not reached.</param>
/// <param name="RestrictedMean">Restricted mean survival time up to the horizon (<c>print(fit, rmean = horizon)</c>).</param>
public sealed record KaplanMeierGroup(
    string Group,
    string Label,
    int N,
    int Events,
    double Median,
    double MedianLower,
    double MedianUpper,
    IReadOnlyList<SurvivalEstimate> AtTimes,
    double? RestrictedMean,
    double? RestrictedMeanSe,
    IReadOnlyList<KaplanMeierRow> Table);

/// <summary>
/// The curve at a requested time, as <c>summary(fit, times = ...)</c>; <see cref="StdErr"/> is of S(t).
/// After the group's last observation R gives no row: <see cref="Estimable"/> is false and the numbers are null.
/// </summary>
/// <param name="CumulativeHazard">The Nelson-Aalen cumulative hazard Σ d / n at the time (summary's <c>cumhaz</c>).</param>
/// <param name="CumulativeHazardStdErr">Its SE, sqrt(Σ d / n²) (summary's <c>std.chaz</c>).</param>
public sealed record SurvivalEstimate(double Time, bool Estimable, int NRisk, double Survival, double StdErr, double Lower, double Upper,
    double CumulativeHazard, double CumulativeHazardStdErr);

/// <summary>A row of the survfit table; <see cref="StdErr"/> is R's <c>std.err</c> (Greenwood SE of the cumulative hazard).</summary>
/// <param name="CumulativeHazard">The Nelson-Aalen cumulative hazard (R's <c>fit$cumhaz</c>).</param>
/// <param name="CumulativeHazardStdErr">Its SE (R's <c>fit$std.chaz</c>).</param>
public sealed record KaplanMeierRow(double Time, int NRisk, int NEvent, int NCensor, double Survival, double StdErr, double Lower, double Upper,
    double CumulativeHazard, double CumulativeHazardStdErr);

/// <summary>A G-rho test across groups (<c>survdiff(..., rho)</c>), stratified when <see cref="Strata"/> is set.</summary>
/// <param name="ChiSquare">Null when undefined.</param>
/// <param name="PValue">Null when there is no test (fewer than two groups with expected events).</param>
/// <param name="LeftOut">Subjects left out for a missing time, event or stratum.</param>
/// <param name="PairwiseAdjust">R's <c>p.adjust</c> method of the pairwise tests; absent without <c>pairwise</c>.</param>
/// <param name="Pairs">Every pair of groups, tested as <c>survdiff</c> on that pair's subjects; absent without <c>pairwise</c>.</param>
public sealed record LogRankOutcome(
    string Variable,
    string Label,
    double Rho,
    string? Strata,
    IReadOnlyList<LogRankGroup> Groups,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    int LeftOut,
    string? PairwiseAdjust = null,
    IReadOnlyList<LogRankPair>? Pairs = null);

/// <summary>One pair's test (<c>survdiff</c> on the two groups' subjects, strata kept); df is 1, or 0 and the numbers null when undefined.</summary>
/// <param name="N">Subjects of the two groups in the test.</param>
/// <param name="AdjustedPValue">The p-value adjusted over the pairs that have one (R's <c>p.adjust</c>); null when undefined.</param>
public sealed record LogRankPair(
    string GroupA,
    string LabelA,
    string GroupB,
    string LabelB,
    int N,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double AdjustedPValue);

/// <summary>A group's subjects, observed and expected events (weighted for rho ≠ 0), summed over strata.</summary>
public sealed record LogRankGroup(string Group, string Label, int N, double Observed, double Expected);
