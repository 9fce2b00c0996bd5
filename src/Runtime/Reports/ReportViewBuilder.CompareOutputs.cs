using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

/// <summary>Outputs of a comparison that R prints beside the test: the one-way ANOVA table and the SE of a difference.</summary>
public static partial class ReportViewBuilder
{
    /// <summary>Tables a reader of R's output expects after the comparison table (the ANOVA sums of squares).</summary>
    private static void AddCompareOutputs(CompareResult compare, List<string> notes, List<MarkdownTable> tables)
    {
        ComparisonRow[] anova = compare.Rows.Where(r => r.Test?.SumsOfSquares is { Count: > 0 }).ToArray();
        if (anova.Length == 0)
        {
            return;
        }

        notes.Add($"Analysis of variance table as {InlineCode("anova(lm(y ~ group))")}: between groups (the group factor) and within groups (residuals).");
        var rows = new List<IReadOnlyList<string>>();
        foreach (ComparisonRow row in anova)
        {
            TestOutcome t = row.Test!;
            foreach (AnovaSourceRow s in t.SumsOfSquares!)
            {
                bool between = s.Source == "between";
                rows.Add(new[]
                {
                    between ? Cell(row.Label) + UnitSuffix(row.Label, row.Unit) : string.Empty,
                    between ? "Between groups" : "Within groups (residuals)",
                    F.DegreesOfFreedom(s.DegreesOfFreedom),
                    F.Estimate(s.SumOfSquares),
                    F.Estimate(s.MeanSquare),
                    between ? F.Statistic(t.Statistic) : string.Empty,
                    between ? F.PValue(t.PValue) : string.Empty,
                });
            }
        }

        tables.Add(new MarkdownTable(new[] { "Variable", "Source", "df", "Sum of squares", "Mean square", "F", "p" }, "|---|---|--:|--:|--:|--:|--:|", rows));
    }
}
