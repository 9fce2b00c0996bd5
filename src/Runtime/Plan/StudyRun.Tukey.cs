using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// <c>compare y across groups using tukey</c>: one row per pair of groups from a single ANOVA of all
    /// groups (R's <c>TukeyHSD(aov(y ~ group))</c>, pairs in R's order "B-A": the later group first, the
    /// difference later − earlier). The p-value of each row is already family-wise; there is no other adjustment.
    /// </summary>
    private static IEnumerable<ComparisonRow> TukeyRows(Variable variable, Pairing pairing, Cohort cohort, List<WarningResult> warnings)
    {
        int k = cohort.GroupNames.Count;
        int[] all = Enumerable.Range(0, k).ToArray();
        IReadOnlyList<int[]> pairs = CompareMethod.GroupSets(new Pairing.AllPairs(), cohort);
        string? misfit = CompareMethod.Misfit(variable, TestKind.Tukey, k)
            ?? (pairing is Pairing.AllPairs or Pairing.AcrossGroups ? null : "tukey compares every pair of groups from one analysis of variance; use across groups or all pairs");
        if (misfit is not null)
        {
            var failed = new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, misfit) };
            yield return new ComparisonRow(variable.Name, variable.Label, variable.Unit, all.Select(g => cohort.GroupNames[g]).ToArray(), ResultStatus.Failed, misfit,
                all.Select(g => GroupSummaries.Of(variable, TestKind.Tukey, g, cohort)).ToArray(), null, null, failed);
            yield break;
        }

        warnings.AddRange(CompareEdgeCases.Check(variable, TestKind.Tukey, all, cohort).Select(w => w with { Message = $"'{variable.Name}': " + w.Message }));
        WarnMissing(variable, [all], cohort, warnings);
        double[] numbers = GroupSummaries.Numbers(variable);
        double[][] samples = all.Select(g => GroupSummaries.NonMissing(numbers, cohort.GroupCodeArray, g)).ToArray();
        TukeyHsdResult result = TukeyHsd.Test(samples);
        warnings.AddRange(result.Warnings.Select(w => StatisticsWarnings.Warning(StatisticsWarnings.TestCaveat, $"'{variable.Name}': {GroupNamesIn(w, cohort)}")));
        string method = string.Create(CultureInfo.InvariantCulture,
            $"Tukey HSD, studentized range q(0.95; {k}, {ModelText.Number(result.DegreesOfFreedom)}) = {result.CriticalValue:G6}, MSE = {result.MeanSquareError:G6}");
        foreach (TukeyPair pair in result.Pairs)
        {
            int[] set = [pair.First, pair.Second];
            bool undefined = double.IsNaN(pair.AdjustedPValue);
            var outcome = new TestOutcome(method, "q", pair.Q, Defined(result.DegreesOfFreedom), pair.AdjustedPValue, "difference in means",
                Defined(pair.Difference), Defined(pair.Lower), Defined(pair.Upper))
            {
                StandardError = Defined(pair.StandardError * System.Math.Sqrt(2)), // sqrt(MSE (1/n_a + 1/n_b)): the SE of the difference
            };
            yield return new ComparisonRow(variable.Name, variable.Label, variable.Unit, set.Select(g => cohort.GroupNames[g]).ToArray(),
                undefined ? ResultStatus.NotComputed : ResultStatus.Ok, undefined ? "the pair has no Tukey interval (see the warnings)" : null,
                set.Select(g => GroupSummaries.Of(variable, TestKind.Tukey, g, cohort)).ToArray(), outcome, null, []);
        }
    }
}
