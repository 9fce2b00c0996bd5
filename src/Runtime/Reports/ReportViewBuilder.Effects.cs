using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

/// <summary>The cells of an effect measure's comparison row that a test's row does not have: the NNT's wording and rates.</summary>
public static partial class ReportViewBuilder
{
    private const string EventsPersonTimeNote = "events / person-time = rate";

    /// <summary>"41 / 1520.5 = 0.02696 (n = 120)": a group's events over its person-time.</summary>
    private static string EventsPersonTimeText(GroupSummary s) =>
        $"{F.Count(s.Count ?? 0)} / {F.Estimate(s.PersonTime)} = {F.Estimate(s.Rate)} (n = {F.Count(s.N)})";

    /// <summary>
    /// Altman's (1998) wording: "NNTB 8.28 (95% CI 4.27 to 371)", and when the risk difference's CI includes 0,
    /// "NNTB 25 (95% CI NNTH 12.4 to ∞ to NNTB 5.3)": the interval runs from the limit on the fewer-events side
    /// through infinity to the limit on the more-events side. Without <c>beneficial</c> / <c>harmful</c> the labels say
    /// "more events" / "fewer events" (in the first group).
    /// </summary>
    private static string NntText(NntDetail nnt)
    {
        bool? moreIsBenefit = nnt.Direction switch
        {
            "beneficial" => true,
            "harmful" => false,
            _ => null,
        };
        string Label(bool more) => moreIsBenefit is { } benefit
            ? (more == benefit ? "NNTB" : "NNTH")
            : (more ? "NNT (more events)" : "NNT (fewer events)");
        if (nnt.Kind == "none" || nnt.Value is not { } value)
        {
            return nnt.Kind == "none" && nnt.Value is null && nnt.CrossesInfinity
                ? $"NNT ∞ (no difference; 95% CI {Label(false)} {F.Estimate(nnt.FewerEventsLimit)} to ∞ to {Label(true)} {F.Estimate(nnt.MoreEventsLimit)})"
                : "NNT NA";
        }

        bool moreEvents = nnt.Kind is "nntb" ? moreIsBenefit == true : nnt.Kind is "nnth" ? moreIsBenefit == false : nnt.Kind == "more_events";
        string head = $"{Label(moreEvents)} {F.Estimate(value)}";
        if (nnt.CrossesInfinity)
        {
            return $"{head} (95% CI {Label(false)} {F.Estimate(nnt.FewerEventsLimit)} to ∞ to {Label(true)} {F.Estimate(nnt.MoreEventsLimit)})";
        }

        return nnt.Low is { } low && nnt.High is { } high ? $"{head} (95% CI {F.Estimate(low)} to {F.Estimate(high)})" : head + " (95% CI NA)";
    }

    /// <summary>
    /// One line per stratified row: which strata the Mantel-Haenszel measure pooled, with each stratum's events/n in the two
    /// groups (events/person-time for a rate), so a reader sees what was pooled (the row's group summaries are the pooled totals).
    /// </summary>
    private static IEnumerable<string> EffectNotes(CompareResult compare) =>
        compare.Rows.Where(r => r.Effect?.Strata is not null).Select(r =>
        {
            EffectStrata s = r.Effect!.Strata!;
            string tables = string.Join("; ", s.Tables.Select(t => t.PersonTimeFirst is { } tFirst && t.PersonTimeSecond is { } tSecond
                ? $"{Cell(t.Stratum)} {F.Count(t.EventsFirst)}/{F.Estimate(tFirst)} vs {F.Count(t.EventsSecond)}/{F.Estimate(tSecond)}"
                : $"{Cell(t.Stratum)} {F.Count(t.EventsFirst)}/{F.Count(t.NFirst)} vs {F.Count(t.EventsSecond)}/{F.Count(t.NSecond)}"));
            string leftOut = s.LeftOut == 0 ? string.Empty : $", {F.Count(s.LeftOut)} left out (one group absent)";
            return $"Strata of {Cell(r.Label)}, {string.Join(" vs ", r.Groups)} (by {string.Join(", ", s.Variables)}): {F.Count(s.Used)} pooled{leftOut}: {tables}.";
        });
}
