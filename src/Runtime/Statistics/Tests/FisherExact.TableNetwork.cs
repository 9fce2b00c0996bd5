using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>The enumeration behind <see cref="FisherExact.RxC"/>.</summary>
public static partial class FisherExact
{
    /// <summary>
    /// Walks the network of partial tables column by column. A node is the multiset of remaining row
    /// totals after some columns; the paths into it are kept as distinct past log-weights with their
    /// multiplicities. A past whose every completion is at most as likely as the observed table is
    /// counted in full (the total completion weight has a closed form); one whose every completion
    /// is more likely is dropped; only the rest move on to the next column.
    /// </summary>
    private sealed class TableNetwork(int[] columns, double logConstant, double threshold)
    {
        /// <summary>Past log-weights closer than this belong to tables of equal probability.</summary>
        private const double SameWeight = 1e-10;

        /// <summary>Partial tables held at once before giving up (about 16 MB).</summary>
        public const long MaxPartialTables = 1_000_000;

        /// <summary>
        /// Column fillings visited plus partial tables moved before giving up, about a second; the
        /// 4 x 4 job-satisfaction table (n = 104) needs 3.6e5.
        /// </summary>
        public const long MaxWork = 5_000_000;

        private long held;
        private long work;

        /// <summary>True once a budget is spent; the walk then stops and the p-value is NaN.</summary>
        private bool Exhausted => held > MaxPartialTables || work > MaxWork;

        private readonly double[] columnsLogFactorialSuffix = SuffixSums(columns);

        public double PValue(int[] rows)
        {
            var comparer = new StageComparer();
            var stage = new Dictionary<int[], List<(double Past, double Count)>>(comparer)
            {
                [rows.OrderDescending().ToArray()] = [(0.0, 1.0)],
            };
            double p = 0;
            for (int column = 0; column < columns.Length; column++)
            {
                var next = new Dictionary<int[], List<(double Past, double Count)>>(comparer);
                held = 0;
                foreach ((int[] remaining, List<(double Past, double Count)> pasts) in stage)
                {
                    p += Advance(column, remaining, Merge(pasts), next);
                    if (Exhausted)
                    {
                        return double.NaN;
                    }
                }

                stage = next;
            }

            return p;
        }

        /// <summary>Settles what it can of the pasts at one node and sends the rest to <paramref name="next"/>.</summary>
        private double Advance(int column, int[] remaining, List<(double Past, double Count)> pasts, Dictionary<int[], List<(double Past, double Count)>> next)
        {
            // Bounds on the completion weight from two relaxations: keep only the column totals
            // (each column filled alone under the row caps) or only the row totals; both are valid,
            // so the tighter of each pair is used.
            double longestByColumns = 0, shortestByColumns = 0;
            int[] columnCaps = columns[column..];
            foreach (int columnTotal in columnCaps)
            {
                longestByColumns += MostLikelyColumn(remaining, columnTotal);
                shortestByColumns += LeastLikelyColumn(remaining, columnTotal);
            }

            double longestByRows = 0, shortestByRows = 0;
            foreach (int rowTotal in remaining)
            {
                longestByRows += MostLikelyColumn(columnCaps, rowTotal);
                shortestByRows += LeastLikelyColumn(columnCaps, rowTotal);
            }

            double longest = Math.Min(longestByColumns, longestByRows);
            double shortest = Math.Max(shortestByColumns, shortestByRows);

            double total = SpecialFunctions.FactorialLn(remaining.Sum()) - remaining.Sum(SpecialFunctions.FactorialLn)
                - columnsLogFactorialSuffix[column];
            double p = 0;
            var open = new List<(double Past, double Count)>();
            foreach ((double past, double count) in pasts)
            {
                if (past + longest <= threshold)
                {
                    p += count * Math.Exp(logConstant + past + total);
                }
                else if (past + shortest <= threshold)
                {
                    open.Add((past, count));
                }
            }

            if (open.Count > 0 && column == columns.Length - 2)
            {
                p += SettleLastTwoColumns(remaining, columns[column], open);
            }
            else if (open.Count > 0)
            {
                ForEachColumnFilling(remaining, columns[column], (rest, logWeight) =>
                {
                    int[] key = rest.OrderDescending().ToArray();
                    if (!next.TryGetValue(key, out List<(double Past, double Count)>? list))
                    {
                        next[key] = list = [];
                    }

                    foreach ((double past, double count) in open)
                    {
                        list.Add((past + logWeight, count));
                    }

                    held += open.Count;
                    work += open.Count;
                });
            }

            return p;
        }

        /// <summary>
        /// With two columns left, a filling of the first fixes the second: sort the weights of all
        /// completions once and, for each past, sum those under the threshold by binary search.
        /// O((F + P) log F) for F fillings and P pasts.
        /// </summary>
        private double SettleLastTwoColumns(int[] remaining, int columnTotal, List<(double Past, double Count)> open)
        {
            var completions = new List<double>();
            ForEachColumnFilling(remaining, columnTotal, (rest, logWeight) =>
            {
                double last = logWeight;
                foreach (int x in rest)
                {
                    last -= SpecialFunctions.FactorialLn(x);
                }

                completions.Add(last);
            });
            completions.Sort();

            // cumulative[k] = sum of exp(completions[i] - top) for i < k, scaled by the largest weight.
            double top = completions[^1];
            var cumulative = new double[completions.Count + 1];
            for (int k = 0; k < completions.Count; k++)
            {
                cumulative[k + 1] = cumulative[k] + Math.Exp(completions[k] - top);
            }

            if (Exhausted)
            {
                return 0;
            }

            work += open.Count;
            double p = 0;
            foreach ((double past, double count) in open)
            {
                int below = UpperBound(completions, threshold - past);
                p += count * Math.Exp(logConstant + past + top) * cumulative[below];
            }

            return p;
        }

        /// <summary>Number of elements of the ascending list that are &lt;= <paramref name="limit"/>.</summary>
        private static int UpperBound(List<double> ascending, double limit)
        {
            int low = 0, high = ascending.Count;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (ascending[middle] <= limit)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>Calls back with the remaining row totals and -sum(log x_i!) of every filling of one column.</summary>
        private void ForEachColumnFilling(int[] remaining, int total, Action<int[], double> visit)
        {
            int r = remaining.Length;
            var cells = new int[r];
            var suffix = new int[r + 1];
            for (int i = r - 1; i >= 0; i--)
            {
                suffix[i] = suffix[i + 1] + remaining[i];
            }

            void Fill(int row, int need, double logWeight)
            {
                if (Exhausted)
                {
                    return;
                }

                if (row == r - 1)
                {
                    work++;
                    cells[row] = need;
                    var rest = new int[r];
                    for (int i = 0; i < r; i++)
                    {
                        rest[i] = remaining[i] - cells[i];
                    }

                    visit(rest, logWeight - SpecialFunctions.FactorialLn(need));
                    return;
                }

                int low = Math.Max(0, need - suffix[row + 1]);
                int high = Math.Min(remaining[row], need);
                for (int x = low; x <= high; x++)
                {
                    cells[row] = x;
                    Fill(row + 1, need - x, logWeight - SpecialFunctions.FactorialLn(x));
                }
            }

            Fill(0, total, 0);
        }

        /// <summary>
        /// Upper bound on -sum(log x_i!) for one column given only the row caps: spread the column
        /// as evenly as the caps allow (the even filling is majorized by every other).
        /// </summary>
        private static double MostLikelyColumn(int[] caps, int total)
        {
            int[] sorted = caps.Order().ToArray();
            double logWeight = 0;
            int left = total;
            for (int i = 0; i < sorted.Length; i++)
            {
                int share = left / (sorted.Length - i);
                int extra = left % (sorted.Length - i);
                if (sorted[i] <= share)
                {
                    logWeight -= SpecialFunctions.FactorialLn(sorted[i]);
                    left -= sorted[i];
                    continue;
                }

                // Every remaining cap exceeds the even share: split evenly and stop.
                int cells = sorted.Length - i;
                logWeight -= ((cells - extra) * SpecialFunctions.FactorialLn(share)) + (extra * SpecialFunctions.FactorialLn(share + 1));
                break;
            }

            return logWeight;
        }

        /// <summary>Lower bound on -sum(log x_i!) for one column: fill the largest caps first (it majorizes every filling).</summary>
        private static double LeastLikelyColumn(int[] caps, int total)
        {
            double logWeight = 0;
            int left = total;
            foreach (int cap in caps.OrderDescending())
            {
                int x = Math.Min(cap, left);
                logWeight -= SpecialFunctions.FactorialLn(x);
                left -= x;
            }

            return logWeight;
        }

        private static List<(double Past, double Count)> Merge(List<(double Past, double Count)> pasts)
        {
            pasts.Sort((u, v) => u.Past.CompareTo(v.Past));
            var merged = new List<(double Past, double Count)>(pasts.Count);
            foreach ((double past, double count) in pasts)
            {
                if (merged.Count > 0 && past - merged[^1].Past <= SameWeight)
                {
                    merged[^1] = (merged[^1].Past, merged[^1].Count + count);
                }
                else
                {
                    merged.Add((past, count));
                }
            }

            return merged;
        }

        private static double[] SuffixSums(int[] columns)
        {
            var sums = new double[columns.Length + 1];
            for (int j = columns.Length - 1; j >= 0; j--)
            {
                sums[j] = sums[j + 1] + SpecialFunctions.FactorialLn(columns[j]);
            }

            return sums;
        }
    }

    private sealed class StageComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = default(HashCode);
            foreach (int v in obj)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
