using System;
using System.Linq;

namespace ProtocolLang.Runtime.Statistics.Mixed;

/// <summary>
/// Everything <see cref="LinearMixedModel.Fit(MixedModelCrossProducts, bool, MeansGrid?, DegreesOfFreedomMethod)"/> needs of the
/// data, as sums a data engine can return from one <c>GROUP BY subject</c> query: per subject i Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ and Zᵢᵀ yᵢ;
/// overall Xᵀ X_full (X's columns against the over-parameterised design's, which holds Xᵀ X), Xᵀ y, yᵀ y, n and the
/// response's range; and the design's shape (<see cref="FixedEffectsLayout"/>: names, terms, levels, numeric means).
/// </summary>
/// <remarks>
/// Z's columns are [1, t] (intercept and slope), [1] or [t]. Matrices are row-major; per-subject blocks are stacked by
/// subject: <see cref="Ztz"/>[s·q² + a·q + b], <see cref="Ztx"/>[s·q·p + a·p + c], <see cref="Zty"/>[s·q + a]. Sums over X's
/// columns before any aliased column is dropped: the fit decides the rank from Xᵀ X and takes the blocks of the columns it
/// keeps. <see cref="FromRows"/> forms them in one O(n·p·(r + q)) pass (p columns of X, r of the full design), reading each
/// row of the design as it goes rather than a materialised X.
/// <para>What still needs rows. Nothing in the fit itself: the deviance, Satterthwaite's and Kenward-Roger's df (whose
/// per-subject matrices are these products, pooled by Zᵢᵀ Zᵢ), the type I and III contrasts, estimability and the reference
/// grid (levels and numeric means) all work from the sums. Outside it: forming the design (which rows enter and why the
/// others do not, the factor levels present, each number's mean: counts, <c>DISTINCT</c> and <c>AVG</c> an engine can
/// return, done on the rows by <c>MixedDesign</c> today); the rank of X when the screen on Xᵀ X cannot decide, which the fit
/// from rows settles on X as lme4 does and the fit from sums on Xᵀ X (<see cref="FixedEffectsRank.DroppedFromCrossProduct"/>,
/// which can differ for near-collinear numeric columns); and the trajectory figure's per-visit means and SDs. The fit has
/// no residual diagnostics to need rows for. MMRM and the repeated-measures ANOVA still fit from rows.</para>
/// </remarks>
public sealed class MixedModelCrossProducts
{
    /// <param name="xtFull">Xᵀ X_full, p × r (r = <see cref="FixedEffectsLayout.FullNames"/>).</param>
    public MixedModelCrossProducts(FixedEffectsLayout layout, bool randomIntercept, string? slopeName, bool uncorrelated,
        int observations, int subjects, double[] xtFull, double[] xty, double yty, double responseMin, double responseMax,
        double[] ztz, double[] ztx, double[] zty)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Random = new RandomEffectsShape(randomIntercept, slopeName, uncorrelated);
        Observations = observations;
        Subjects = subjects;
        XtFull = xtFull ?? throw new ArgumentNullException(nameof(xtFull));
        Xty = xty ?? throw new ArgumentNullException(nameof(xty));
        Yty = yty;
        ResponseMin = responseMin;
        ResponseMax = responseMax;
        Ztz = ztz ?? throw new ArgumentNullException(nameof(ztz));
        Ztx = ztx ?? throw new ArgumentNullException(nameof(ztx));
        Zty = zty ?? throw new ArgumentNullException(nameof(zty));
        int p = layout.Columns, r = layout.FullNames.Count, q = Random.Count;
        if (q == 0)
        {
            throw new ArgumentException("A mixed model needs a random intercept or a random slope.", nameof(randomIntercept));
        }

        if (xtFull.Length != p * r || xty.Length != p || ztz.Length != (long)subjects * q * q || ztx.Length != (long)subjects * q * p || zty.Length != (long)subjects * q)
        {
            throw new ArgumentException("The cross-products' sizes disagree with the layout, the random effects and the number of subjects.");
        }

        // Xᵀ X from Xᵀ X_full: X's column c is the full design's column FullIndex[c]; the upper triangle mirrored, as a cross product is.
        Xtx = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                Xtx[(a * p) + b] = Xtx[(b * p) + a] = xtFull[(a * r) + layout.FullIndex[b]];
            }
        }
    }

    public FixedEffectsLayout Layout { get; }

    internal RandomEffectsShape Random { get; }

    public int Observations { get; }

    public int Subjects { get; }

    /// <summary>Xᵀ X_full, row-major p × r.</summary>
    public double[] XtFull { get; }

    /// <summary>Xᵀ X, row-major p × p (from <see cref="XtFull"/>).</summary>
    public double[] Xtx { get; }

    public double[] Xty { get; }

    public double Yty { get; }

    public double ResponseMin { get; }

    public double ResponseMax { get; }

    public double[] Ztz { get; }

    public double[] Ztx { get; }

    public double[] Zty { get; }

    /// <summary>The sums of a model's rows (<paramref name="input"/> validated first): one pass, skipping the zeros of factor codings.</summary>
    public static MixedModelCrossProducts FromRows(MixedModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        FixedEffectsDesign design = input.Fixed;
        int n = input.Response.Length, p = design.Columns, r = design.FullNames.Length, q = input.RandomCount, m = input.Subjects;
        // X's column c is the full design's column fullIndex[c]; xOfFull maps back (-1: not a column of X).
        int[] fullIndex = design.Layout.FullIndex;
        int[] xOfFull = Enumerable.Repeat(-1, r).ToArray();
        for (int c = 0; c < p; c++)
        {
            xOfFull[fullIndex[c]] = c;
        }

        double[] y = input.Response, slope = input.Slope ?? [];
        int[] subjectOf = input.Subject;
        bool intercept = input.RandomIntercept, hasSlope = input.Slope is not null;
        var xtFull = new double[p * r];
        var xty = new double[p];
        var ztz = new double[m * q * q];
        var ztx = new double[m * q * p];
        var zty = new double[m * q];
        double yty = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        Span<double> z = stackalloc double[q];
        Span<int> fullColumn = new int[r];
        Span<double> fullValue = new double[r];
        Span<int> xColumn = new int[p];
        Span<double> xValue = new double[p];

        // Only the non-zero entries of each row enter (factor codings are mostly zeros); a sum is unchanged by a zero term.
        for (int row = 0; row < n; row++)
        {
            int s = subjectOf[row];
            double yr = y[row];
            int nf = design.NonZeroFullRow(row, fullColumn, fullValue), nx = 0;
            for (int k = 0; k < nf; k++)
            {
                int c = xOfFull[fullColumn[k]];
                if (c >= 0)
                {
                    xColumn[nx] = c;
                    xValue[nx++] = fullValue[k];
                }
            }

            int qz = 0;
            if (intercept)
            {
                z[qz++] = 1;
            }

            if (hasSlope)
            {
                z[qz] = slope[row];
            }

            int zzAt = s * q * q, zxAt = s * q * p, zyAt = s * q;
            for (int a = 0; a < q; a++)
            {
                double za = z[a];
                for (int b = 0; b < q; b++)
                {
                    ztz[zzAt + (a * q) + b] += za * z[b];
                }

                int zxRow = zxAt + (a * p);
                for (int k = 0; k < nx; k++)
                {
                    ztx[zxRow + xColumn[k]] += za * xValue[k];
                }

                zty[zyAt + a] += za * yr;
            }

            for (int k = 0; k < nx; k++)
            {
                double xa = xValue[k];
                int at = xColumn[k] * r;
                for (int j = 0; j < nf; j++)
                {
                    xtFull[at + fullColumn[j]] += xa * fullValue[j];
                }

                xty[xColumn[k]] += xa * yr;
            }

            yty += yr * yr;
            min = Math.Min(min, yr);
            max = Math.Max(max, yr);
        }

        RandomEffectsShape random = input.Random;
        return new MixedModelCrossProducts(design.Layout, random.Intercept, random.SlopeName, random.Uncorrelated, n, m,
            xtFull, xty, yty, n == 0 ? double.NaN : min, n == 0 ? double.NaN : max, ztz, ztx, zty);
    }
}

/// <summary>The random effects of the subject: an intercept, a slope (named), or both, correlated or not.</summary>
internal sealed record RandomEffectsShape(bool Intercept, string? SlopeName, bool Uncorrelated)
{
    public int Count => (Intercept ? 1 : 0) + (SlopeName is null ? 0 : 1);

    /// <summary>Λ diagonal: uncorrelated intercept and slope (with one random effect both shapes agree).</summary>
    public bool DiagonalLambda => Uncorrelated && Count > 1;

    public string[] Names()
    {
        var names = new string[Count];
        int k = 0;
        if (Intercept)
        {
            names[k++] = "(Intercept)";
        }

        if (SlopeName is not null)
        {
            names[k] = SlopeName;
        }

        return names;
    }
}
