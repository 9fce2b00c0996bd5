using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Statistics.Regression;

/// <summary>
/// Which columns of a (weighted) design R's LINPACK QR (dqrdc2, "limited column pivoting") moves to
/// the end: in column order, a column whose norm after projecting out the columns kept before it is
/// below <c>tolerance</c> times its own norm (an all-zero column always). Those are R's aliased (NA)
/// coefficients, e.g. <c>I(2 * wt)</c> next to <c>wt</c>.
/// </summary>
/// <remarks>
/// Modified Gram–Schmidt with one reorthogonalisation pass, which agrees with dqrdc2's Householder
/// residual norms to rounding. O(n·p²).
/// </remarks>
internal static class GlmColumnRank
{
    public static bool[] Aliased(IReadOnlyList<double[]> columns, double tolerance)
    {
        int p = columns.Count;
        var aliased = new bool[p];
        var basis = new List<double[]>(p);
        for (int j = 0; j < p; j++)
        {
            var v = (double[])columns[j].Clone();
            double norm = Norm(v);
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (double[] u in basis)
                {
                    double dot = 0;
                    for (int r = 0; r < v.Length; r++)
                    {
                        dot += u[r] * v[r];
                    }

                    for (int r = 0; r < v.Length; r++)
                    {
                        v[r] -= dot * u[r];
                    }
                }
            }

            double residual = Norm(v);
            if (norm == 0 || residual < tolerance * norm)
            {
                aliased[j] = true;
                continue;
            }

            for (int r = 0; r < v.Length; r++)
            {
                v[r] /= residual;
            }

            basis.Add(v);
        }

        return aliased;
    }

    private static double Norm(double[] v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }

        return Math.Sqrt(s);
    }
}
