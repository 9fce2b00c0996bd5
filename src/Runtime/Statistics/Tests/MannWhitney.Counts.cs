using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The rank-sum test from value counts, on the same path <see cref="Exact"/> or <see cref="Test"/> takes for the values.</summary>
public static partial class MannWhitney
{
    /// <summary>
    /// <see cref="Exact"/> when <paramref name="exact"/> (and, as there, the normal approximation with a warning when there
    /// are ties), otherwise <see cref="Test"/>, of the samples that <paramref name="x"/> and <paramref name="y"/> count.
    /// Without ties every count is 1, so the exact test's samples are the distinct values themselves.
    /// </summary>
    public static TestResult FromCounts(CountedValues x, CountedValues y, bool exact, bool continuityCorrection = true)
    {
        System.ArgumentNullException.ThrowIfNull(x);
        System.ArgumentNullException.ThrowIfNull(y);
        RankSum r = RankSum.FromCounted(x, y);
        if (exact && r.NX >= 1 && r.NY >= 1 && !r.HasTies)
        {
            return Exact(x.Values, y.Values, continuityCorrection);
        }

        var warnings = new List<string>();
        if (exact && r.HasTies)
        {
            warnings.Add(continuityCorrection
                ? "cannot compute an exact p-value with ties; normal approximation with continuity correction used"
                : "cannot compute an exact p-value with ties; normal approximation used");
        }

        return FromRankSum(r, continuityCorrection, warnings);
    }
}
