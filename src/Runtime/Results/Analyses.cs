using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>Status values of an analysis or a comparison row.</summary>
public static class ResultStatus
{
    public const string Ok = "ok";

    /// <summary>The runtime cannot compute this yet; the entry shows the specification instead.</summary>
    public const string NotImplemented = "not_implemented";

    /// <summary>The analysis does not fit its inputs (e.g. a rank test on a categorical variable).</summary>
    public const string Failed = "failed";

    /// <summary>
    /// The data make the analysis' estimates undefined (a constant response, one row per subject in a
    /// mixed model, one group in a model with a group term); see its warnings. No numbers are reported.
    /// </summary>
    public const string NotEstimable = "not_estimable";

    /// <summary>A comparison row whose test is undefined for these data (e.g. n &lt; 2, zero variance); see its warnings.</summary>
    public const string NotComputed = "not_computed";
}

/// <summary>One analysis of the protocol, in protocol order (<see cref="Index"/> from 1).</summary>
/// <param name="Id">
/// The analysis' stable id (<c>[a-z][a-z0-9_]*</c>; a <c>within</c> repetition's is <c>{id}.{level}</c>): the author's
/// <c>as my_id</c>, else derived from its text. Figure files, report anchors and <c>protocollang diff</c> use it.
/// </param>
/// <param name="Kind">"describe", "compare", "mixed_model", "kaplan_meier", "logrank", "cox", "linear_model", "glm", "mmrm" or "rm_anova".</param>
/// <param name="Source">The analysis' own <c>.study</c> text, whitespace-normalised.</param>
/// <param name="Status">"ok", "not_implemented", "not_estimable" or "failed".</param>
/// <param name="Reason">Why the status is not "ok".</param>
/// <param name="Specification">The analysis as the runtime understood it (formula, groups, times).</param>
/// <param name="Scope">The subjects it ran on when not every analysed subject by the study's groups; null otherwise.</param>
public sealed record AnalysisResult(
    int Index,
    string Id,
    string Kind,
    string Source,
    string Status,
    string? Method,
    string? Reason,
    string? Specification,
    IReadOnlyList<WarningResult> Warnings,
    DescribeResult? Describe = null,
    CompareResult? Compare = null,
    KaplanMeierResult? KaplanMeier = null,
    LogRankOutcome? LogRank = null,
    CoxResult? Cox = null,

    MixedModelResult? Mixed = null,
    AnalysisScopeResult? Scope = null,
    LinearModelResult? Linear = null,
    GlmModelResult? Glm = null)
{
    /// <summary>A mixed model for repeated measures (kind "mmrm"); null for other kinds.</summary>
    public MmrmResult? Mmrm { get; init; }

    /// <summary>A repeated-measures ANOVA (kind "rm_anova"); null for other kinds.</summary>
    public RmAnovaResult? RmAnova { get; init; }
}

/// <summary>A PL5xxx statistics warning (see docs/diagnostics.md).</summary>
/// <param name="Severity">"warning" or "info".</param>
public sealed record WarningResult(string Code, string Severity, string Message);
