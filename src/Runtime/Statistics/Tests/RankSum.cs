using System;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>
/// Sufficient statistics of a two-sample rank test: group sizes, the Mann-Whitney W and the
/// tie term sum(t^3 - t) over groups of tied values.
/// </summary>
internal readonly partial record struct RankSum(int NX, int NY, double W, double TieTerm, bool HasTies)
{
    /// <summary>
    /// Pools and sorts the samples once (O(n log n)), then reads off the tie groups. The samples must
    /// be finite (callers pass them through <see cref="Samples.Finite"/>); a NaN is still safe here,
    /// as its own group of one, since every tie group takes at least the value it starts at.
    /// </summary>
    public static RankSum FromSamples(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length + y.Length;
        var values = new double[n];
        var fromX = new bool[n];
        x.CopyTo(values);
        y.CopyTo(values.AsSpan(x.Length));
        fromX.AsSpan(0, x.Length).Fill(true);
        Array.Sort(values, fromX);

        var accumulator = default(Accumulator);
        int i = 0;
        while (i < n)
        {
            int countX = 0, countY = 0;
            int j = i;
            do
            {
                if (fromX[j])
                {
                    countX++;
                }
                else
                {
                    countY++;
                }

                j++;
            }
            while (j < n && values[j] == values[i]);

            accumulator.Add(countX, countY);
            i = j;
        }

        return accumulator.Result();
    }

    /// <summary>
    /// The same statistics from two samples already sorted ascending (finite): one merge, O(n). Tie groups
    /// are the runs of equal values across both, so the result is <see cref="FromSamples"/>'s, bit for bit.
    /// </summary>
    public static RankSum FromSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var accumulator = default(Accumulator);
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            double value = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i] : y[j];
            int countX = 0, countY = 0;
            while (i < x.Length && x[i] == value)
            {
                countX++;
                i++;
            }

            while (j < y.Length && y[j] == value)
            {
                countY++;
                j++;
            }

            accumulator.Add(countX, countY);
        }

        return accumulator.Result();
    }

    /// <summary>From per-group counts of each distinct value, in ascending order of value.</summary>
    public static RankSum FromOrderedCounts(ReadOnlySpan<int> countsX, ReadOnlySpan<int> countsY)
    {
        if (countsX.Length != countsY.Length)
        {
            throw new ArgumentException("the two count vectors must have one entry per distinct value", nameof(countsY));
        }

        var accumulator = default(Accumulator);
        for (int i = 0; i < countsX.Length; i++)
        {
            if (countsX[i] < 0 || countsY[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(countsX), "counts must not be negative");
            }

            accumulator.Add(countsX[i], countsY[i]);
        }

        return accumulator.Result();
    }

    private struct Accumulator
    {
        private int nx;
        private int ny;
        private double rankSumX;
        private double tieTerm;
        private bool hasTies;

        /// <summary>Adds the next tie group: it takes ranks below+1 .. below+t, average below + (t + 1) / 2.</summary>
        public void Add(int countX, int countY)
        {
            double t = (double)countX + countY;
            if (t == 0)
            {
                return;
            }

            double below = (double)nx + ny;
            rankSumX += countX * (below + ((t + 1) / 2));
            tieTerm += (t * t * t) - t;
            hasTies |= t > 1;
            nx += countX;
            ny += countY;
        }

        public readonly RankSum Result() =>
            new(nx, ny, rankSumX - ((double)nx * (nx + 1) / 2), tieTerm, hasTies);
    }
}
