using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// The line under a scoped analysis' heading: which population, subset, grouping and level it ran on, its n and
    /// who was left out, so a reader never takes a subgroup's numbers for the study's. Empty for the default scope.
    /// </summary>
    internal static string ScopeLine(AnalysisScopeResult? scope)
    {
        if (scope is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (scope.Population is not null)
        {
            parts.Add("population " + InlineCode(scope.Population) + (scope.PopulationLabel is null ? string.Empty : " (" + Inline(scope.PopulationLabel) + ")"));
        }

        if (scope.Where is not null)
        {
            parts.Add("where " + InlineCode(scope.Where));
        }

        parts.Add(scope.Grouping switch
        {
            "overall" => "overall (no grouping)",
            "by" => "by " + string.Join(", ", (scope.By ?? []).Select(InlineCode)),
            _ => "by group",
        });
        if (scope.Within is not null)
        {
            parts.Add("within " + InlineCode(scope.Within) + ": " + Inline(scope.LevelLabel ?? scope.Level ?? string.Empty));
        }

        string n = string.Create(CultureInfo.InvariantCulture, $"n = {scope.N}");
        string leftOut = scope.LeftOut.Count == 0
            ? string.Empty
            : "; left out: " + string.Join(", ", scope.LeftOut.Select(e => LeftOutText(e, scope.Where)));
        // A mixed model's row subset: the rows of the subjects in scope it left out (a split where names each part).
        string rows = scope.RowsLeftOut is { Count: > 0 } rowsLeftOut
            ? "; rows left out: " + string.Join(", ", rowsLeftOut.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Count} with {InlineCode(e.Reason)} not true")))
            : string.Empty;
        return Bold("Scope:") + " " + string.Join("; ", parts) + "; " + n + leftOut + rows + ".";
    }

    private static string LeftOutText(ExclusionCount e, string? where)
    {
        string count = e.Count.ToString(CultureInfo.InvariantCulture);
        // A split where's subject part is only some of the text shown: name it.
        string subset = e.Reason == where ? "the subset" : InlineCode(e.Reason);
        return e.Stage switch
        {
            "population" => $"{count} not in the population ({InlineCode(e.Reason)} not true)",
            "where" => $"{count} with {subset} false",
            "where_missing" => $"{count} with {subset} missing",
            "by_missing" => $"{count} with {Inline(e.Reason)} missing",
            "within_missing" => $"{count} with {Inline(e.Reason)} missing",
            "within_level" => $"{count} {Inline(e.Reason)}",
            _ => $"{count} {Inline(e.Reason)}",
        };
    }

    /// <summary>The title's grouping words: "by group" as before, "overall" or "by sex, arm" for a scoped analysis.</summary>
    internal static string GroupingWords(AnalysisScopeResult? scope) => AnalysisScopeResult.GroupingWords(scope);

    /// <summary>"; within sex: Female" for a repetition's result, else empty: a figure's caption says which level it shows.</summary>
    internal static string LevelWords(AnalysisScopeResult? scope) =>
        scope is { Within: { } within } ? $"; within {within}: {scope.LevelLabel ?? scope.Level}" : string.Empty;
}
