using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// Turns the rows of a Cox iteration query grouped by first_group (<see cref="SqlCoxQueries.Iteration"/> when the model
/// has group indicators) back into one row per (stratum, time, status) with the sums over every covariate, as the
/// ungrouped query returns them. Within group g a group indicator's centred value is the constant
/// d = [g is its group] − mean, so Σr·d = d·Σr, Σr·d·d' = d·d'·Σr, Σr·d·c = d·Σr·c and Σd = d·n: exact algebra, the
/// engine's sums in another order (rounding only).
/// </summary>
internal static class SqlCoxGroupSums
{
    /// <param name="rows">Grouped rows: st…, t, s, first_group, n, finite, Σr, Σr·c, Σr·cc' (lower triangle), Σc, Ση over the
    /// covariates that are not group indicators, ordered by (st…, t, s, first_group).</param>
    /// <returns>Rows st…, t, s, n, finite, Σr, Σr·c, Σr·cc' (lower triangle), Σc, Ση over all covariates, in order.</returns>
    /// <param name="eventSums">False when the rows have no Σc and Ση (<see cref="SqlCoxQueries.Iteration"/>): Σc of the
    /// other covariates and Ση are then 0 in the result, for <see cref="SqlCox"/> to fill in.</param>
    /// <param name="offsetBeta">β when the rows are of the offset form (<see cref="SqlCoxQueries.Iteration"/>'s groupOffsets):
    /// their sums are of r = exp(η₀) and their second column is MAX(η₀). Each group's rows are then multiplied by exp(o_g),
    /// o_g = Σ β_k·d_k over its group indicators, and the count of finite exp(η) is n where o_g + MAX(η₀) ≤ 709.78... (the
    /// largest η whose exp is finite, as the query's own test) and 0 otherwise (some subject's exp(η) overflows: the
    /// evaluation is not finite, as in memory).</param>
    /// <param name="clamped">Set when some MAX(η₀) passed the clamp of the offset form (its exp(η₀) was not the true one):
    /// the rows are then not usable and the caller asks again without offsets.</param>
    public static List<object?[]> Expand(List<object?[]> rows, IReadOnlyList<SqlCoxCovariate> covariates, double[] means, int strata, bool eventSums,
        double[]? offsetBeta, out bool clamped)
    {
        clamped = false;
        int p = covariates.Count;
        int[] summed = Enumerable.Range(0, p).Where(j => covariates[j].Value is not null).ToArray();
        int q = summed.Length;
        var position = new int[p];
        Array.Fill(position, -1);
        for (int a = 0; a < q; a++)
        {
            position[summed[a]] = a;
        }

        var result = new List<object?[]>();
        object?[]? current = null;
        long n = 0, finite = 0;
        double risk = 0, eta = 0;
        var riskX = new double[p];
        var riskXX = new double[p * p];
        var x = new double[p];
        var d = new double[p];
        var c = new double[p];
        for (int r = 0; r <= rows.Count; r++)
        {
            if (current is not null && (r == rows.Count || !SameKey(current, rows[r], strata)))
            {
                result.Add(Row(current, strata, p, n, finite, risk, riskX, riskXX, x, eta));
                n = finite = 0;
                risk = eta = 0;
                Array.Clear(riskX);
                Array.Clear(riskXX);
                Array.Clear(x);
            }

            if (r == rows.Count)
            {
                break;
            }

            var row = rows[r];
            current = row;
            int group = (int)SqlEngine.Integer(row[strata + 2]);
            int at = strata + 3;
            long count = SqlEngine.Integer(row[at++]);
            n += count;
            double scale = 1;
            if (offsetBeta is null)
            {
                finite += SqlEngine.Integer(row[at++]);
            }
            else
            {
                double offset = 0;
                for (int j = 0; j < p; j++)
                {
                    offset += covariates[j].Value is null ? offsetBeta[j] * ((covariates[j].Group == group ? 1 : 0) - means[j]) : 0;
                }

                double maxEta = Number(row[at++]);
                // exp(o_g) itself past the largest double would make inf × small sums: asked again in the exact form too.
                clamped |= maxEta > SqlCoxQueries.LargestExpArgument || offset > SqlCoxQueries.LargestExpArgument;
                finite += maxEta + offset <= SqlCoxQueries.LargestExpArgument ? count : 0;
                scale = Math.Exp(offset);
            }

            double sumR = scale * Number(row[at++]);
            risk += sumR;
            var sumRc = new double[q];
            for (int a = 0; a < q; a++)
            {
                sumRc[a] = scale * Number(row[at++]);
            }

            var sumRcc = new double[q * q];
            for (int a = 0; a < q; a++)
            {
                for (int b = 0; b <= a; b++)
                {
                    sumRcc[(a * q) + b] = scale * Number(row[at++]);
                }
            }

            for (int a = 0; a < q; a++)
            {
                c[a] = eventSums ? Number(row[at++]) : 0;
            }

            eta += eventSums ? Number(row[at]) : 0;
            for (int j = 0; j < p; j++)
            {
                d[j] = covariates[j].Value is null ? (covariates[j].Group == group ? 1 : 0) - means[j] : 0;
            }

            for (int i = 0; i < p; i++)
            {
                int ai = position[i];
                riskX[i] += ai < 0 ? d[i] * sumR : sumRc[ai];
                x[i] += ai < 0 ? d[i] * count : c[ai];
                for (int j = 0; j <= i; j++)
                {
                    int aj = position[j];
                    riskXX[(i * p) + j] += (ai, aj) switch
                    {
                        ( < 0, < 0) => d[i] * d[j] * sumR,
                        ( < 0, _) => d[i] * sumRc[aj],
                        (_, < 0) => d[j] * sumRc[ai],
                        _ => sumRcc[(Math.Max(ai, aj) * q) + Math.Min(ai, aj)],
                    };
                }
            }
        }

        return result;
    }

    private static object?[] Row(object?[] key, int strata, int p, long n, long finite, double risk, double[] riskX, double[] riskXX, double[] x, double eta)
    {
        var row = new List<object?>(strata + 5 + (2 * p) + (p * (p + 1) / 2));
        for (int k = 0; k < strata + 2; k++)
        {
            row.Add(key[k]);
        }

        row.Add(n);
        row.Add(finite);
        row.Add(risk);
        row.AddRange(riskX.Select(v => (object?)v));
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                row.Add(riskXX[(i * p) + j]);
            }
        }

        row.AddRange(x.Select(v => (object?)v));
        row.Add(eta);
        return row.ToArray();
    }

    /// <summary>Same stratum, time and status (the columns before first_group).</summary>
    private static bool SameKey(object?[] a, object?[] b, int strata)
    {
        for (int k = 0; k < strata + 2; k++)
        {
            if (!Equals(a[k], b[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
