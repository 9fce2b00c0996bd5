using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using F = ProtocolLang.Runtime.Reports.ReportViewNumbers;

namespace ProtocolLang.Runtime.Reports;

public static partial class ReportViewBuilder
{
    /// <summary>
    /// The subgroup table of a Cox model, as a trial paper's: the overall row, then each factor's levels with the treatment's
    /// HR (95% CI) and p from the model fitted on that level's subjects; the interaction p on the factor's first row.
    /// </summary>
    private static void SubgroupTable(CoxResult cox, CoxSubgroupsResult subgroups, List<string> notes, List<MarkdownTable> tables)
    {
        notes.Add($"Subgroups: the hazard ratio of {Cell(Figures.ForestChart.Treatment(subgroups))} from the same Cox model fitted on each level's subjects, "
            + "as R coxph(..., data = subset(d, s == level)); the interaction p is the likelihood-ratio test of treatment × subgroup, "
            + "anova(coxph(~ terms + s), coxph(~ terms + s + treatment:s)), on the subjects with a value of the subgroup."
            + string.Concat(subgroups.Factors.Where(f => f.Missing > 0).Select(f => $" {Cell(f.Label)}: {F.Count(f.Missing)} subject(s) without a value."))
            + string.Concat(subgroups.Factors.SelectMany(f => f.Levels.Where(l => l.Reason is not null).Select(l => $" {Cell(f.Label)} {Cell(l.Label)}: {l.Reason}."))));
        bool several = subgroups.Overall.Count > 1;
        var rows = new List<IReadOnlyList<string>>();
        foreach (CoxSubgroupEffect e in subgroups.Overall)
        {
            rows.Add(Row("All subjects", several ? Cell(e.Label) : string.Empty, F.Count(cox.N), F.Count(cox.Events), SubgroupHazardRatio(e), F.PValue(e.PValue), string.Empty));
        }

        foreach (CoxSubgroupFactorResult factor in subgroups.Factors)
        {
            string interaction = factor.Interaction.Status == ResultStatus.Ok
                ? $"{F.PValue(factor.Interaction.PValue)} (χ² = {F.Estimate(factor.Interaction.ChiSquare)}, df = {F.DegreesOfFreedom(factor.Interaction.DegreesOfFreedom)})"
                : "not computed";
            bool first = true;
            foreach (CoxSubgroupLevelResult level in factor.Levels)
            {
                IEnumerable<CoxSubgroupEffect?> effects = level.Effects.Count == 0 ? new CoxSubgroupEffect?[] { null } : level.Effects.Select(e => (CoxSubgroupEffect?)e);
                foreach (CoxSubgroupEffect? e in effects)
                {
                    string label = Cell(level.Label) + (several && e is not null ? ", " + Cell(e.Label) : string.Empty);
                    rows.Add(Row(first ? Cell(factor.Label) : string.Empty, label, F.Count(level.N), F.Count(level.Events),
                        e is null ? "NA (no subjects)" : SubgroupHazardRatio(e), e is null ? F.PValue(double.NaN) : F.PValue(e.PValue), first ? interaction : string.Empty));
                    first = false;
                }
            }
        }

        tables.Add(new MarkdownTable(
            new[] { "Subgroup", "Level", "n", "Events", "HR (95% CI)", "p", "Interaction p" },
            "|---|---|--:|--:|--:|--:|--:|",
            rows.ToArray()));
    }

    private static string SubgroupHazardRatio(CoxSubgroupEffect e) => e.Status switch
    {
        ResultStatus.NotEstimable => "NA (not estimable)",
        "possibly_infinite" => F.Estimate(e.HazardRatio) + " (may be infinite; no CI)",
        _ => F.Ratio(e.HazardRatio, e.HazardRatioLow, e.HazardRatioHigh),
    };
}
