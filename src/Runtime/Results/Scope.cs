using System.Collections.Generic;

namespace ProtocolLang.Runtime.Results;

/// <summary>
/// The subjects an analysis ran on, when not the default (every analysed subject by the study's groups):
/// its population, its <c>where</c> subset, its grouping, the <c>within</c> level of a repetition, its n and
/// who of the analysed subjects was left out, and why.
/// </summary>
/// <param name="Grouping">"group" (the study's groups), "overall" (one group) or "by" (the factors in <see cref="By"/>).</param>
/// <param name="N">Subjects in scope: the analysis' subjects before its own handling of missing values.</param>
/// <param name="LeftOut">
/// Analysed subjects not in scope, by stage in this order: "population" (not in the population: the first failed
/// condition), "where" (the subset's value false), "where_missing" (the subset's value missing), "by_missing" (a factor
/// missing), "within_missing" (the <c>within</c> variable missing), "within_level" (in another level of a repetition).
/// </param>
public sealed record AnalysisScopeResult(
    string? Population,
    string? PopulationLabel,
    string? Where,
    string Grouping,
    IReadOnlyList<string>? By,
    string? Within,
    string? Level,
    string? LevelLabel,
    int N,
    IReadOnlyList<ExclusionCount> LeftOut)
{
    /// <summary>
    /// A mixed model's row subset (the parts of its <c>where</c> over the repeated outcome's rows): the rows of the
    /// subjects in scope it left out, stage "where_rows" with the row part's text as reason (false or missing alike,
    /// as R's <c>subset()</c>). Null when the analysis has no row subset.
    /// </summary>
    public IReadOnlyList<ExclusionCount>? RowsLeftOut { get; init; }

    /// <summary>How an analysis is grouped, in words: "by group" (the default scope), "overall" or "by sex, arm".</summary>
    internal static string GroupingWords(AnalysisScopeResult? scope) => scope?.Grouping switch
    {
        "overall" => "overall",
        "by" => "by " + string.Join(", ", scope.By ?? []),
        _ => "by group",
    };
}
