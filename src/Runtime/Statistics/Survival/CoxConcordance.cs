using System;
using System.Linq;
using System.Threading.Tasks;
using ProtocolLang.Runtime.Statistics.Sorting;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Harrell's concordance of a Cox model's linear predictor, as R's <c>concordance(fit)</c>.</summary>
/// <remarks>
/// <para>A pair (i, j) is comparable when, in the same stratum, i has an event at t_i and j is
/// still at risk: t_j &gt; t_i, or t_j = t_i with j censored (two events at the same time are
/// tied in time and not counted). The pair is concordant when the subject with the earlier event
/// has the higher risk score x'β, discordant when lower, tied when equal.
/// C = (concordant + tied/2) / (concordant + discordant + tied) (Harrell et al. 1982, JAMA
/// 247:2543-6; Therneau &amp; Atkinson, "Concordance", vignette of R survival 3.x, with
/// timewt = "n").</para>
/// <para>Within each stratum, subjects are visited from the latest time back; those at risk are
/// kept in a Fenwick tree over the ranks of x'β, so each event counts its lower, equal and
/// higher scores in O(log n): O(n log n) in all.</para>
/// </remarks>
internal static class CoxConcordance
{
    // Below this many subjects starting a second thread costs more than the pass it takes over.
    private const int ParallelThreshold = 50_000;

    /// <summary>Harrell's C with its standard error, as <c>concordance(fit)</c>'s concordance and sqrt(var).</summary>
    /// <remarks>
    /// <para>The variance is the infinitesimal jackknife of Somers' d = (C − D) / N over the
    /// comparable pairs (N = C + D + T, tied-in-time pairs excluded): with c_i, d_i, t_i the
    /// concordant, discordant and risk-tied pairs that subject i belongs to (as the earlier event
    /// or as the later subject at risk), dfbeta_i = (c_i − d_i) / N − (d / N)(c_i + d_i + t_i)
    /// and var(C) = Σ dfbeta_i² / 4 (Therneau &amp; Atkinson, "Concordance", vignette of R
    /// survival 3.x, section on the variance; R's <c>concordancefit</c> with unit weights and
    /// timewt = "n"). Strata add their pairs to one total.</para>
    /// <para>Two passes per stratum, each O(n log n): from the latest time back, an event counts the
    /// later subjects at risk below, equal to and above its score; from the earliest time on, a
    /// subject counts the earlier events above, equal to and below its own score (an event against
    /// events strictly earlier, a censored subject also against events at its own time).</para>
    /// </remarks>
    public static (double Concordance, double StandardError) Harrell(CoxRiskSets data, double[] beta) =>
        Harrell(data, beta, parallel: data.Count >= ParallelThreshold);

    /// <summary>As <see cref="Harrell(CoxRiskSets, double[])"/>, choosing whether the two passes run on two threads.</summary>
    internal static (double Concordance, double StandardError) Harrell(CoxRiskSets data, double[] beta, bool parallel) =>
        FromScores(data, data.LinearPredictor(beta), parallel);

    /// <summary>As <see cref="Harrell(CoxRiskSets, double[])"/>, from the sorted rows' scores x'β already computed.</summary>
    internal static (double Concordance, double StandardError) FromScores(CoxRiskSets data, double[] eta) =>
        FromScores(data, eta, parallel: data.Count >= ParallelThreshold);

    private static (double Concordance, double StandardError) FromScores(CoxRiskSets data, double[] eta, bool parallel)
    {
        int n = data.Count;
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }

        if (Array.Exists(eta, double.IsNaN))
        {
            return (double.NaN, double.NaN);   // no scores to order (coefficients not estimated)
        }

        int[] rank = DenseRanks(eta, out int ranks);
        // The two passes are independent: on two cores each fills its own counts, then they are added
        // (whole numbers below 2^53, so the sums are exact and the result does not depend on the split).
        var counts = new PairCounts(n);
        var earlier = new PairCounts(n);
        if (parallel)
        {
            Parallel.Invoke(() => LaterSubjects(data, rank, ranks, counts), () => EarlierEvents(data, rank, ranks, earlier));
        }
        else
        {
            LaterSubjects(data, rank, ranks, counts);
            EarlierEvents(data, rank, ranks, earlier);
        }

        counts.Add(earlier);
        double concordant = counts.ConcordantSum;
        double discordant = counts.DiscordantSum;
        double tied = counts.TiedSum;

        // Every pair was counted once from each member.
        concordant /= 2;
        discordant /= 2;
        tied /= 2;
        double total = concordant + discordant + tied;
        if (total == 0)
        {
            return (double.NaN, double.NaN);
        }

        double somers = (concordant - discordant) / total;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double dfbeta = (counts.Difference[i] / total) - (somers / total * counts.Pairs[i]);
            sum += dfbeta * dfbeta;
        }

        return ((concordant + (tied / 2)) / total, Math.Sqrt(sum / 4));
    }

    /// <summary>The rank of each score among the distinct scores (0 = lowest; equal scores share a rank), from one radix sort.</summary>
    private static int[] DenseRanks(double[] eta, out int ranks)
    {
        int[] order = StableOrder.ByDouble(StableOrder.Identity(eta.Length), eta);
        var rank = new int[eta.Length];
        ranks = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (k > 0 && eta[order[k]] != eta[order[k - 1]])
            {
                ranks++;
            }

            rank[order[k]] = ranks;
        }

        ranks++;
        return rank;
    }

    /// <summary>Each event against the subjects still at risk after it (latest time first).</summary>
    private static void LaterSubjects(CoxRiskSets data, int[] rank, int ranks, PairCounts counts)
    {
        int n = data.Count;
        var tree = new RankCounts(ranks);
        ReadOnlySpan<double> time = data.SortedTime;
        ReadOnlySpan<bool> isEvent = data.SortedEvent;
        ReadOnlySpan<bool> last = data.LastInStratum;
        long atRisk = 0;
        for (int k = n - 1; k >= 0;)
        {
            if (last[k])
            {
                tree.Clear();
                atRisk = 0;
            }

            int start = k;
            while (start > 0 && time[start - 1] == time[k] && !last[start - 1])
            {
                start--;
            }

            for (int m = start; m <= k; m++)
            {
                if (!isEvent[m])
                {
                    tree.Add(rank[m]);
                    atRisk++;
                }
            }

            for (int m = start; m <= k; m++)
            {
                if (isEvent[m])
                {
                    long below = tree.Below(rank[m]);
                    long equal = tree.Equal(rank[m]);
                    counts.Add(m, below, atRisk - below - equal, equal);
                }
            }

            for (int m = start; m <= k; m++)
            {
                if (isEvent[m])
                {
                    tree.Add(rank[m]);
                    atRisk++;
                }
            }

            k = start - 1;
        }
    }

    /// <summary>Each subject against the events before it (earliest time first).</summary>
    private static void EarlierEvents(CoxRiskSets data, int[] rank, int ranks, PairCounts counts)
    {
        int n = data.Count;
        var tree = new RankCounts(ranks);
        ReadOnlySpan<double> time = data.SortedTime;
        ReadOnlySpan<bool> isEvent = data.SortedEvent;
        ReadOnlySpan<bool> last = data.LastInStratum;
        long events = 0;
        for (int k = 0; k < n;)
        {
            if (k == 0 || last[k - 1])
            {
                tree.Clear();
                events = 0;
            }

            int end = k;
            while (!last[end] && time[end + 1] == time[k])
            {
                end++;
            }

            for (int m = k; m <= end; m++)
            {
                if (isEvent[m])
                {
                    Count(tree, rank[m], events, m, counts);
                }
            }

            for (int m = k; m <= end; m++)
            {
                if (isEvent[m])
                {
                    tree.Add(rank[m]);
                    events++;
                }
            }

            for (int m = k; m <= end; m++)
            {
                if (!isEvent[m])
                {
                    Count(tree, rank[m], events, m, counts);
                }
            }

            k = end + 1;
        }
    }

    /// <summary>Subject m is the later member: an earlier event with a higher score is concordant.</summary>
    private static void Count(RankCounts tree, int rank, long events, int m, PairCounts counts)
    {
        long below = tree.Below(rank);
        long equal = tree.Equal(rank);
        counts.Add(m, events - below - equal, below, equal);
    }

    /// <summary>
    /// How many scores of each rank are in the set. The ranks are cut into blocks of <see cref="BlockSize"/>: a Fenwick tree
    /// over the blocks' counts (n / 32 cells, which stay in cache where a tree over 10^6 ranks sent most of its O(log n)
    /// steps to memory) gives the count below a block, a plain count per rank the rest of the block and the equal ones.
    /// O(log(n / 32) + 32) per query, exact integer counts (below 2^31, one per subject), so the same pairs as any order.
    /// </summary>
    private sealed class RankCounts
    {
        private const int BlockShift = 5;
        private const int BlockSize = 1 << BlockShift;

        private readonly int[] _blocks;
        private readonly int[] _exact;

        public RankCounts(int ranks)
        {
            _exact = new int[ranks];
            _blocks = new int[(ranks >> BlockShift) + 2];
        }

        public void Clear()
        {
            Array.Clear(_blocks);
            Array.Clear(_exact);
        }

        public void Add(int rank)
        {
            _exact[rank]++;
            int[] tree = _blocks;
            for (int i = (rank >> BlockShift) + 1; i < tree.Length; i += i & -i)
            {
                tree[i]++;
            }
        }

        /// <summary>How many scores in the set have a rank below <paramref name="rank"/>.</summary>
        public long Below(int rank)
        {
            int block = rank >> BlockShift;
            int[] tree = _blocks;
            long sum = 0;
            for (int i = block; i > 0; i -= i & -i)
            {
                sum += tree[i];
            }

            int offset = rank & (BlockSize - 1);
            ReadOnlySpan<int> inBlock = _exact.AsSpan(rank - offset, offset);
            foreach (int count in inBlock)
            {
                sum += count;
            }

            return sum;
        }

        public long Equal(int rank) => _exact[rank];
    }

    /// <summary>
    /// Comparable pairs per subject (sorted order): what the jackknife needs, c_i − d_i and c_i + d_i + t_i, and the three
    /// totals. Two arrays instead of one per kind (at 10^7 subjects each is 80 MB, and the two passes hold one set each);
    /// every count is a whole number below 2^53, so the sums are exact in any order and equal the per-kind sums.
    /// </summary>
    private sealed class PairCounts(int n)
    {
        public double[] Difference { get; } = new double[n];

        public double[] Pairs { get; } = new double[n];

        public double ConcordantSum { get; private set; }

        public double DiscordantSum { get; private set; }

        public double TiedSum { get; private set; }

        public void Add(int m, long concordant, long discordant, long tied)
        {
            Difference[m] += concordant - discordant;
            Pairs[m] += concordant + discordant + tied;
            ConcordantSum += concordant;
            DiscordantSum += discordant;
            TiedSum += tied;
        }

        public void Add(PairCounts other)
        {
            for (int i = 0; i < Difference.Length; i++)
            {
                Difference[i] += other.Difference[i];
                Pairs[i] += other.Pairs[i];
            }

            ConcordantSum += other.ConcordantSum;
            DiscordantSum += other.DiscordantSum;
            TiedSum += other.TiedSum;
        }
    }
}
