using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportNumberFormat;

namespace ProtocolLang.Runtime.Reports.Figures;

/// <summary>
/// The hazard ratio a Kaplan-Meier figure shows beside its log-rank p, as survminer's and most papers' curves of two
/// groups do: from the study's own Cox model of the same outcome whose only term is the curves' grouping (no strata),
/// on the same subjects (population, <c>where</c> and <c>within</c> level), for curves of exactly two groups. Matched
/// on the recorded names (<see cref="CoxResult.Outcome"/>, the term's variable and levels), never on text.
/// </summary>
internal static class KaplanMeierHazardRatio
{
    /// <summary>The matching Cox model's only term, or null when the study has none.</summary>
    public static CoxTermResult? Find(StudyResults results, AnalysisResult analysis)
    {
        if (analysis.KaplanMeier is not { Groups.Count: 2 } km || Grouping(analysis.Scope) is not { } grouping)
        {
            return null;
        }

        string[] groups = [km.Groups[0].Group, km.Groups[1].Group];
        return results.Analyses
            .Where(a => a.Status == ResultStatus.Ok && a.Cox is { Outcome: { } outcome, Strata.Count: 0, Terms.Count: 1 } && outcome == km.Variable
                && SameSubjects(a.Scope, analysis.Scope))
            .Select(a => a.Cox!.Terms[0])
            .FirstOrDefault(t => t.Variable == grouping && t.Status == ResultStatus.Ok && double.IsFinite(t.HazardRatioLow) && double.IsFinite(t.HazardRatioHigh)
                && t.Level is { } level && t.ReferenceLevel is { } reference && groups.Contains(level) && groups.Contains(reference) && level != reference);
    }

    /// <summary>"HR 2.91 (1.40–6.05)": the ratio policy's decimals (<see cref="F.RatioDecimals"/>), the limits joined by an en dash as in the diff.</summary>
    public static string Text(CoxTermResult term)
    {
        int decimals = F.RatioDecimals(term.HazardRatio);
        return "HR " + F.Fixed(term.HazardRatio, decimals) + " (" + F.Fixed(term.HazardRatioLow, decimals) + "\u2013" + F.Fixed(term.HazardRatioHigh, decimals) + ")";
    }

    /// <summary>The variable the curves are grouped by, as a Cox term names it: the study's groups are "group"; one <c>by</c> factor its name.</summary>
    private static string? Grouping(AnalysisScopeResult? scope) => scope is null || scope.Grouping == "group"
        ? "group"
        : scope.Grouping == "by" && scope.By is [string factor] ? factor : null;

    /// <summary>The same subjects whatever the grouping: the same population, <c>where</c>, <c>within</c> factor and level.</summary>
    private static bool SameSubjects(AnalysisScopeResult? a, AnalysisScopeResult? b) =>
        a?.Population == b?.Population && a?.Where == b?.Where && a?.Within == b?.Within && a?.Level == b?.Level;
}
