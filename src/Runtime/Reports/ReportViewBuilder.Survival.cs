using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>The tables and notes of a Kaplan-Meier or log-rank analysis, if it has results.</summary>
    private static void AddSurvival(AnalysisResult analysis, List<string> notes, List<MarkdownTable> tables)
    {
        if (analysis.KaplanMeier is { } km)
        {
            notes.Add(KaplanMeierNote(km));
            if (km.LeftOut > 0)
            {
                notes.Add(LeftOutNote(km.LeftOut, "a missing time or event"));
            }

            tables.Add(KaplanMeierTable(km));
            if (km.Times.Count > 0)
            {
                notes.Add($"At the requested times: the standard error of S(t) (Greenwood, {InlineCode("summary(fit, times = ...)$std.err")}) and the Nelson-Aalen cumulative hazard H(t) = Σ d/n with its SE ({InlineCode("cumhaz")}, {InlineCode("std.chaz")}).");
                tables.Add(KaplanMeierUncertaintyTable(km));
            }
        }

        if (analysis.LogRank is { } test)
        {
            if (test.LeftOut > 0)
            {
                notes.Add(LeftOutNote(test.LeftOut, test.Strata is null ? "a missing time or event" : $"a missing time, event or {test.Strata}"));
            }

            tables.Add(LogRankGroupsTable(test));
            tables.Add(LogRankTestTable(test));
            if (test.Pairs is { } pairs)
            {
                notes.Add($"Pairwise: the same test on each pair of groups' subjects (R {InlineCode("survdiff")} per pair), p adjusted over the pairs with {InlineCode($"p.adjust(method = \"{test.PairwiseAdjust}\")")}.");
                tables.Add(LogRankPairsTable(pairs));
            }
        }
    }

    private static string LeftOutNote(int count, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} subject(s) with {why} are left out of this analysis.");

    private static string KaplanMeierNote(KaplanMeierResult km)
    {
        string unit = km.Unit is null ? string.Empty : " " + Cell(km.Unit);
        string rmst = km.Horizon is { } h
            ? $" RMST: restricted mean survival time up to {Time(h)}{unit}, with its standard error ({InlineCode($"print(fit, rmean = {Time(h)})")})."
            : string.Empty;
        return $"Times in{(km.Unit is null ? " the outcome's unit" : unit)}. Survival: Kaplan-Meier estimate with a {(km.ConfidenceType == "plain" ? "plain (untransformed)" : km.ConfidenceType + "-transformed")} 95% CI ({InlineCode($"survfit(conf.type = \"{km.ConfidenceType}\")")}, {InlineCode("summary(fit, times = ...)")}); "
            + "median with its 95% CI as " + InlineCode("print(fit)") + ". NA: not reached (a median or limit), or no estimate (a time after the group's last observation)." + rmst;
    }

    private static MarkdownTable KaplanMeierTable(KaplanMeierResult km)
    {
        var header = new List<string> { "Group", "n", "Events", "Median (95% CI)" };
        header.AddRange(km.Times.Select(t => $"Survival at {Time(t)} (95% CI)"));
        if (km.Horizon is { } h)
        {
            header.Add($"RMST to {Time(h)} (SE)");
        }

        string separator = "|---|--:|--:|--:|" + string.Concat(Enumerable.Repeat("--:|", header.Count - 4));
        var rows = new List<IReadOnlyList<string>>();
        foreach (KaplanMeierGroup g in km.Groups)
        {
            var cells = new List<string>
            {
                Cell(g.Label),
                F.Count(g.N),
                F.Count(g.Events),
                Interval(g.Median, g.MedianLower, g.MedianUpper),
            };
            cells.AddRange(g.AtTimes.Select(e => Interval(e.Survival, e.Lower, e.Upper)));
            if (km.Horizon is not null)
            {
                cells.Add(g.RestrictedMean is { } m && !double.IsNaN(m) ? $"{F.Estimate(m)} ({F.Estimate(g.RestrictedMeanSe)})" : F.NotAvailable);
            }

            rows.Add(cells);
        }

        return new MarkdownTable(header, separator, rows);
    }

    /// <summary>Per requested time, the SE of S(t) and the Nelson-Aalen cumulative hazard with its SE.</summary>
    private static MarkdownTable KaplanMeierUncertaintyTable(KaplanMeierResult km)
    {
        var header = new List<string> { "Group" };
        foreach (double t in km.Times)
        {
            header.Add($"SE of S({Time(t)})");
            header.Add($"H({Time(t)}) (SE)");
        }

        string separator = "|---|" + string.Concat(Enumerable.Repeat("--:|", header.Count - 1));
        var rows = new List<IReadOnlyList<string>>();
        foreach (KaplanMeierGroup g in km.Groups)
        {
            var cells = new List<string> { Cell(g.Label) };
            foreach (SurvivalEstimate e in g.AtTimes)
            {
                cells.Add(e.Estimable ? F.Estimate(e.StdErr) : F.NotAvailable);
                cells.Add(e.Estimable ? $"{F.Estimate(e.CumulativeHazard)} ({F.Estimate(e.CumulativeHazardStdErr)})" : F.NotAvailable);
            }

            rows.Add(cells);
        }

        return new MarkdownTable(header, separator, rows);
    }

    /// <summary>A time from the protocol, as written there (shortest round-trip text).</summary>
    private static string Time(double t) => t.ToString("R", CultureInfo.InvariantCulture);

    private static string Interval(double estimate, double low, double high) =>
        double.IsNaN(estimate) && double.IsNaN(low) && double.IsNaN(high)
            ? F.NotAvailable
            : F.Interval(estimate, low, high);

    private static MarkdownTable LogRankGroupsTable(LogRankOutcome test)
    {
        bool weighted = test.Rho != 0;
        var header = new[] { "Group", "n", weighted ? "Observed (weighted)" : "Observed", weighted ? "Expected (weighted)" : "Expected", "O/E" };
        var rows = test.Groups.Select(g => (IReadOnlyList<string>)new[]
        {
            Cell(g.Label),
            F.Count(g.N),
            weighted ? F.Estimate(g.Observed) : F.Statistic(g.Observed),
            F.Estimate(g.Expected),
            g.Expected > 0 ? F.Estimate(g.Observed / g.Expected) : F.NotAvailable,
        }).ToArray();
        return new MarkdownTable(header, "|---|--:|--:|--:|--:|", rows);
    }

    private static MarkdownTable LogRankTestTable(LogRankOutcome test)
    {
        string name = test.Rho == 0 ? "Log-rank" : test.Rho == 1 ? "Peto-Peto (rho = 1)" : "G-rho (rho = " + F.Estimate(test.Rho) + ")";
        if (test.Strata is not null)
        {
            name += ", stratified by " + Code(test.Strata);
        }

        return new MarkdownTable(
            new[] { "Test", "Chi-square", "df", "p" },
            "|---|--:|--:|--:|",
            new[] { (IReadOnlyList<string>)new[] { name, F.Estimate(test.ChiSquare), F.Count(test.DegreesOfFreedom), F.PValue(test.PValue) } });
    }

    private static MarkdownTable LogRankPairsTable(IReadOnlyList<LogRankPair> pairs) => new(
        new[] { "Pair", "n", "Chi-square", "df", "p", "Adjusted p" },
        "|---|--:|--:|--:|--:|--:|",
        pairs.Select(p => (IReadOnlyList<string>)new[]
        {
            Cell(p.LabelA) + " vs " + Cell(p.LabelB), F.Count(p.N), F.Estimate(p.ChiSquare), F.Count(p.DegreesOfFreedom), F.PValue(p.PValue), F.PValue(p.AdjustedPValue),
        }).ToArray());
}
