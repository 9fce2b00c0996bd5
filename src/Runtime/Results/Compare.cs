using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>The comparisons of one <c>compare</c> statement.</summary>
/// <param name="Test">The test asked for: "mann_whitney", "t_test", "welch", "fisher", "chi_square", "kruskal_wallis", "anova" or "welch_anova";
/// or an effect measure (rows with <see cref="ComparisonRow.Effect"/>): "risk_difference", "relative_risk", "odds_ratio", "nnt", "rate_ratio", "rate_difference".</param>
/// <param name="Pairing">"vs_reference", "all_pairs", "two_groups" or "across_groups".</param>
/// <param name="TestOptions">The options written after the test name ("exact", "approximate", "no_correct", "no_conf_int", "mean"); absent when none.</param>
public sealed record CompareResult(string Test, string Pairing, AdjustmentResult Adjustment, IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<string>? TestOptions = null);

/// <summary>
/// The multiplicity adjustment: R's <c>p.adjust</c> method name and the family it was applied to.
/// The family is each variable's comparisons (all its pairs), not all variables together.
/// </summary>
public sealed record AdjustmentResult(string Method, string Family);

/// <summary>One test: a variable compared between two groups, or across several.</summary>
/// <param name="Groups">The group names compared, first group first.</param>
/// <param name="Status">"ok", "not_computed", "not_implemented" or "failed".</param>
/// <param name="AdjustedPValue">The p-value adjusted within the variable's family; absent without adjustment.</param>
public sealed record ComparisonRow(
    string Variable,
    string Label,
    string? Unit,
    IReadOnlyList<string> Groups,
    string Status,
    string? Reason,
    IReadOnlyList<GroupSummary> Summaries,
    TestOutcome? Test,
    double? AdjustedPValue,
    IReadOnlyList<WarningResult> Warnings)
{
    /// <summary>An effect measure's details (risk_difference ... rate_difference); absent for a test.</summary>
    public EffectResult? Effect { get; init; }
}

/// <summary>
/// A group's summary in a comparison. <see cref="Statistic"/> says which fields are set:
/// "median_q1_q3", "mean_sd", "geometric_mean_ci" (<see cref="GeometricMean"/> with its 95% CI),
/// "count_percent" (count of true among <see cref="N"/>), "events_person_time" (events in <see cref="Count"/>, with
/// <see cref="PersonTime"/> and <see cref="Rate"/>) or "n".
/// </summary>
/// <param name="N">Non-missing values.</param>
public sealed record GroupSummary(
    string Group,
    string Label,
    int N,
    int Missing,
    string Statistic,
    double? Median = null,
    double? Q1 = null,
    double? Q3 = null,
    double? Mean = null,
    double? Sd = null,
    int? Count = null,
    double? Percent = null,
    double? GeometricMean = null,
    double? GeometricMeanLow = null,
    double? GeometricMeanHigh = null)
{
    /// <summary>"events_person_time": the group's summed person-time (events are <see cref="Count"/>).</summary>
    public double? PersonTime { get; init; }

    /// <summary>"events_person_time": events / person-time, per unit of the person-time variable.</summary>
    public double? Rate { get; init; }
}

/// <summary>A test's outcome as the statistics kernel gave it (R's <c>htest</c>); NaN is null.</summary>
/// <param name="ConfidenceLevel">The interval's confidence level when it is not simply 0.95 by construction
/// (set for the Hodges-Lehmann shift, whose exact interval may not reach 0.95 in small samples).</param>
public sealed record TestOutcome(
    string Method,
    string StatisticName,
    double Statistic,
    double? DegreesOfFreedom,
    double PValue,
    string? EstimateName = null,
    double? Estimate = null,
    double? ConfidenceLow = null,
    double? ConfidenceHigh = null,
    double? ConfidenceLevel = null)
{
    /// <summary>Standard error of the estimate, R's <c>t.test(...)$stderr</c>; absent for tests other than t-tests.</summary>
    public double? StandardError { get; init; }

    /// <summary>
    /// Expected counts under independence (R's <c>chisq.test(...)$expected</c>): one row per compared group
    /// (in the order of the row's groups), one column per level (true then false for a binary variable); chi-square tests only.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Expected { get; init; }

    /// <summary>The one-way ANOVA table (<c>anova(lm(y ~ group))</c>): between groups, then within; <c>anova</c> only.</summary>
    public IReadOnlyList<AnovaSourceRow>? SumsOfSquares { get; init; }
}

/// <summary>A row of a one-way ANOVA table: "between" (the group factor) or "within" (R's Residuals).</summary>
public sealed record AnovaSourceRow(string Source, double DegreesOfFreedom, double SumOfSquares, double MeanSquare);
