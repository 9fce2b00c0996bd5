using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// A repeated-measures ANOVA as a paper reports it: one table of effects with the uncorrected test beside the
    /// Greenhouse-Geisser and Huynh-Feldt corrected ones, then Mauchly's tests, then the subjects left out.
    /// </summary>
    private static void AddRmAnova(RmAnovaResult rm, ReportLabels labels, List<string> notes, List<MarkdownTable> tables)
    {
        string between = rm.Between.Count == 0 ? "no between-subject factor" : "between " + string.Join(", ", rm.Between.Select(InlineCode));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Model {InlineCode(rm.Formula)}: within {InlineCode(rm.Within)} ({string.Join(", ", rm.Visits.Select(InlineCode))}), {between}; {rm.Subjects} subjects with a value at every visit ({rm.Observations} observations).")
            + " Type III sums of squares with sum-to-zero contrasts; ges is generalized eta squared; ε is the Greenhouse-Geisser or Huynh-Feldt epsilon (Huynh-Feldt used at most 1) and scales both df of the corrected test.");
        if (rm.LevelLabels is { Count: > 0 } labelled)
        {
            notes.Add(LevelKeyNote(labelled));
        }

        notes.Add(TermLabelsNote);
        tables.Add(new MarkdownTable(
            new[] { "Effect", "SS", "df", "MS", "Error SS", "Error df", "F", "p", "ges", "GG ε", "p (GG)", "HF ε", "p (HF)" },
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
            rm.Effects.Select(e => Row(Cell(labels.Term(e.Term)), F.Estimate(e.SumOfSquares), F.DegreesOfFreedom(e.Df), F.Estimate(e.MeanSquare),
                F.Estimate(e.ErrorSumOfSquares), F.DegreesOfFreedom(e.ErrorDf), F.Statistic(e.F), F.PValue(e.PValue), F.Estimate(e.Ges),
                Epsilon(e.Gg.Epsilon), Corrected(e.Gg), Epsilon(e.Hf.Epsilon), Corrected(e.Hf))).ToArray()));

        if (rm.Sphericity.Count > 0)
        {
            tables.Add(new MarkdownTable(
                new[] { "Mauchly's test: effect", "W", "p", "GG ε", "HF ε (before the cap)" },
                "|---|--:|--:|--:|--:|",
                rm.Sphericity.Select(s => Row(Cell(labels.Term(s.Term)), F.Estimate(s.MauchlyW), F.PValue(s.MauchlyP), F.Estimate(s.GgEpsilon), F.Estimate(s.HfEpsilon))).ToArray()));
        }

        if (rm.DroppedSubjects.Count > 0)
        {
            tables.Add(new MarkdownTable(
                new[] { "Subject left out", "Why" },
                "|---|---|",
                rm.DroppedSubjects.Select(d => Row(Cell(d.Subject), Cell(d.Reason))).ToArray()));
        }

        static string Epsilon(double epsilon) => double.IsNaN(epsilon) ? NotApplicable : F.Estimate(epsilon);

        static string Corrected(CorrectedTestRow test) => double.IsNaN(test.Epsilon) ? NotApplicable : F.PValue(test.PValue);
    }
}
