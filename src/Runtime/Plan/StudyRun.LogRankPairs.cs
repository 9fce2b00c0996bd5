using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private static string PairwiseMethod(AdjustMethod adjust) =>
        $"; pairwise: survdiff on each pair of groups, p adjusted with p.adjust(method = \"{CompareMethod.AdjustName(adjust)}\")";

    /// <summary>
    /// Pairwise G-rho tests: for each pair of groups (in group order), <c>survdiff</c> on the
    /// subjects of those two groups only (same rho, same strata), then <c>p.adjust</c> over the
    /// pairs with a p-value, as <see cref="LogRankPairwise"/> (survminer::pairwise_survdiff's recipe).
    /// A pair without a defined test (no events, or an empty group) gets null p-values and a warning.
    /// </summary>
    /// <param name="counts">The overall test's counts per (stratum, time, group), from the columns or from an engine.</param>
    private static IReadOnlyList<LogRankPair> LogRankPairs(SurvivalCounts counts, Cohort cohort, double rho, AdjustMethod adjust, List<WarningResult> warnings)
    {
        var pairs = new List<LogRankPair>();
        foreach (PairwiseLogRank pair in LogRankPairwise.Test(counts, rho, adjust))
        {
            string a = cohort.GroupNames[pair.GroupA];
            string b = cohort.GroupNames[pair.GroupB];
            if (double.IsNaN(pair.Test.PValue))
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.PairwiseLogRankUndefined,
                    $"{a} vs {b}: no pairwise test (no events in the pair, or a group with no subjects at risk at any event time); left out of the p-value adjustment"));
            }

            pairs.Add(new LogRankPair(a, cohort.GroupLabels[pair.GroupA], b, cohort.GroupLabels[pair.GroupB], pair.Test.N.Sum(),
                double.IsNaN(pair.Test.PValue) ? double.NaN : pair.Test.ChiSquare, pair.Test.DegreesOfFreedom, pair.Test.PValue, pair.AdjustedPValue));
        }

        return pairs;
    }
}
