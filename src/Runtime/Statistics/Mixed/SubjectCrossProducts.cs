using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// The sufficient statistics of the profiled deviance, from one O(n·(p + q)²) pass over the rows:
/// Xᵀ X, Xᵀ y, yᵀ y overall and, per subject i, Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ and Zᵢᵀ yᵢ; then subjects are pooled
/// into classes with bit-identical Zᵢᵀ Zᵢ (same number of rows and, with a slope, the same
/// times), because everything θ changes for subject i depends on Zᵢᵀ Zᵢ only.
/// </summary>
/// <remarks>
/// With Mᵢ = Λ (Λᵀ Zᵢᵀ Zᵢ Λ + I)⁻¹ Λᵀ (q × q), the subject's terms of the blocked Cholesky
/// factor are R_ZXᵢᵀ R_ZXᵢ = (Zᵢᵀ Xᵢ)ᵀ Mᵢ (Zᵢᵀ Xᵢ), R_ZXᵢᵀ c_uᵢ = (Zᵢᵀ Xᵢ)ᵀ Mᵢ Zᵢᵀ yᵢ and
/// ‖c_uᵢ‖² = yᵢᵀ Zᵢ Mᵢ Zᵢᵀ yᵢ (Bates et al. 2015, J Stat Softw 67(1), section 3.6, eqs. 54–57
/// with one grouping factor). So for a class of subjects sharing Zᵢᵀ Zᵢ (hence Mᵢ), the sums
/// over its members of (Zᵢᵀ Xᵢ)[a,·]ᵀ (Zᵢᵀ Xᵢ)[b,·], (Zᵢᵀ Xᵢ)[a,·] (Zᵢᵀ yᵢ)[b] and
/// (Zᵢᵀ yᵢ)[a] (Zᵢᵀ yᵢ)[b] are formed once, and each θ costs O(q²·p²) per class instead of
/// O(q·p²) per subject. Classes with no more than q members (or beyond a memory budget) are
/// left per subject, where the direct form is cheaper.
/// </remarks>
internal sealed class SubjectCrossProducts
{
    /// <summary>Pooled products kept for at most this many doubles (32 MB).</summary>
    private const long PooledBudget = 4_000_000;

    public SubjectCrossProducts(double[] y, double[] x, int p, double[] z, int q, int[] subject, int subjects)
    {
        N = y.Length;
        P = p;
        Q = q;
        var ztz = new double[subjects * q * q];
        var ztx = new double[subjects * q * p];
        var zty = new double[subjects * q];
        Xtx = new double[p * p];
        Xty = new double[p];
        for (int r = 0; r < N; r++)
        {
            int s = subject[r];
            int xr = r * p, zr = r * q;
            for (int a = 0; a < q; a++)
            {
                double za = z[zr + a];
                for (int b = 0; b < q; b++)
                {
                    ztz[(s * q * q) + (a * q) + b] += za * z[zr + b];
                }

                for (int c = 0; c < p; c++)
                {
                    ztx[(s * q * p) + (a * p) + c] += za * x[xr + c];
                }

                zty[(s * q) + a] += za * y[r];
            }

            double yr = y[r];
            for (int a = 0; a < p; a++)
            {
                double xa = x[xr + a];
                if (xa == 0)
                {
                    continue; // factor designs are mostly zeros
                }

                for (int b = a; b < p; b++)
                {
                    Xtx[(a * p) + b] += xa * x[xr + b];
                }

                Xty[a] += xa * yr;
            }

            Yty += yr * yr;
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < a; b++)
            {
                Xtx[(a * p) + b] = Xtx[(b * p) + a];
            }
        }

        Classes = Pool(ztz, ztx, zty, subjects);
    }

    /// <summary>The products of the columns <paramref name="kept"/> of X (those left after dropping aliased columns), from <paramref name="data"/>'s sums.</summary>
    public SubjectCrossProducts(MixedModelCrossProducts data, int[] kept)
    {
        int q = data.Random.Count, full = data.Layout.Columns, p = kept.Length, subjects = data.Subjects;
        N = data.Observations;
        P = p;
        Q = q;
        Xtx = new double[p * p];
        Xty = new double[p];
        for (int a = 0; a < p; a++)
        {
            Xty[a] = data.Xty[kept[a]];
            for (int b = 0; b < p; b++)
            {
                Xtx[(a * p) + b] = data.Xtx[(kept[a] * full) + kept[b]];
            }
        }

        Yty = data.Yty;
        double[] ztx = data.Ztx;
        if (p != full)
        {
            ztx = new double[subjects * q * p];
            for (int sa = 0; sa < subjects * q; sa++)
            {
                for (int c = 0; c < p; c++)
                {
                    ztx[(sa * p) + c] = data.Ztx[(sa * full) + kept[c]];
                }
            }
        }

        Classes = Pool(data.Ztz, ztx, data.Zty, subjects);
    }

    public int N { get; }

    public int P { get; }

    public int Q { get; }

    /// <summary>Xᵀ X, row-major p × p.</summary>
    public double[] Xtx { get; }

    public double[] Xty { get; }

    public double Yty { get; }

    public IReadOnlyList<SubjectClass> Classes { get; }

    private List<SubjectClass> Pool(double[] ztz, double[] ztx, double[] zty, int subjects)
    {
        int q = Q, p = P;
        // Subjects keyed by their Zᵢᵀ Zᵢ block, compared bit for bit (no string per subject).
        var members = new Dictionary<int, List<int>>(new BlockComparer(ztz, q * q));
        var order = new List<int>();
        for (int s = 0; s < subjects; s++)
        {
            if (!members.TryGetValue(s, out List<int>? list))
            {
                list = new List<int>();
                members[s] = list;
                order.Add(s);
            }

            list.Add(s);
        }

        long budget = PooledBudget;
        long pooledSize = (long)q * q * ((long)p * p + p + 1);
        var classes = new List<SubjectClass>();
        foreach (int key in order.OrderByDescending(k => members[k].Count)) // stable: ties keep first-seen order
        {
            List<int> list = members[key];
            double[] classZtz = ztz.AsSpan(list[0] * q * q, q * q).ToArray();
            if (list.Count > q && budget >= pooledSize)
            {
                budget -= pooledSize;
                classes.Add(SubjectClass.Pooled(classZtz, list, ztx, zty, q, p));
            }
            else
            {
                foreach (int s in list)
                {
                    classes.Add(SubjectClass.Single(classZtz, ztx.AsSpan(s * q * p, q * p).ToArray(), zty.AsSpan(s * q, q).ToArray()));
                }
            }
        }

        return classes;
    }
}

/// <summary>Subjects (indices) equal when their blocks of <c>values</c> are bit-identical.</summary>
internal sealed class BlockComparer(double[] values, int size) : IEqualityComparer<int>
{
    public bool Equals(int x, int y)
    {
        for (int k = 0; k < size; k++)
        {
            if (BitConverter.DoubleToInt64Bits(values[(x * size) + k]) != BitConverter.DoubleToInt64Bits(values[(y * size) + k]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(int obj)
    {
        var hash = default(HashCode);
        for (int k = 0; k < size; k++)
        {
            hash.Add(BitConverter.DoubleToInt64Bits(values[(obj * size) + k]));
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// Subjects sharing Zᵢᵀ Zᵢ: either one subject with its Zᵢᵀ Xᵢ (q × p) and Zᵢᵀ yᵢ, or a pooled
/// class with the sums G[a,b] = Σ (Zᵢᵀ Xᵢ)[a,·]ᵀ (Zᵢᵀ Xᵢ)[b,·] (p × p each), H[a,b] =
/// Σ (Zᵢᵀ Xᵢ)[a,·] (Zᵢᵀ yᵢ)[b] (p each) and Y[a,b] = Σ (Zᵢᵀ yᵢ)[a] (Zᵢᵀ yᵢ)[b].
/// </summary>
internal sealed class SubjectClass
{
    private SubjectClass(int count, double[] ztz, double[]? ztx, double[]? zty, double[]? g, double[]? h, double[]? yy)
    {
        Count = count;
        Ztz = ztz;
        Ztx = ztx;
        Zty = zty;
        G = g;
        H = h;
        Yy = yy;
    }

    public int Count { get; }

    public double[] Ztz { get; }

    public double[]? Ztx { get; }

    public double[]? Zty { get; }

    /// <summary>G[(a·q + b)·p² + c₁·p + c₂] (pooled classes only).</summary>
    public double[]? G { get; }

    /// <summary>H[(a·q + b)·p + c] (pooled classes only).</summary>
    public double[]? H { get; }

    /// <summary>Y[a·q + b] (pooled classes only).</summary>
    public double[]? Yy { get; }

    public bool IsPooled => G is not null;

    public static SubjectClass Single(double[] ztz, double[] ztx, double[] zty) => new(1, ztz, ztx, zty, null, null, null);

    public static SubjectClass Pooled(double[] ztz, List<int> subjects, double[] ztx, double[] zty, int q, int p)
    {
        var g = new double[q * q * p * p];
        var h = new double[q * q * p];
        var yy = new double[q * q];
        foreach (int s in subjects)
        {
            int xs = s * q * p, ys = s * q;
            for (int a = 0; a < q; a++)
            {
                for (int b = 0; b < q; b++)
                {
                    int ab = (a * q) + b;
                    double yb = zty[ys + b];
                    yy[ab] += zty[ys + a] * yb;
                    for (int c1 = 0; c1 < p; c1++)
                    {
                        double v = ztx[xs + (a * p) + c1];
                        h[(ab * p) + c1] += v * yb;
                        if (v == 0)
                        {
                            continue;
                        }

                        int row = (ab * p * p) + (c1 * p);
                        for (int c2 = 0; c2 < p; c2++)
                        {
                            g[row + c2] += v * ztx[xs + (b * p) + c2];
                        }
                    }
                }
            }
        }

        return new SubjectClass(subjects.Count, ztz, null, null, g, h, yy);
    }
}
