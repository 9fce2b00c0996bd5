using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Mixed;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

/// <summary>
/// The fit from the model's sums alone (what a data engine's <c>GROUP BY subject</c> returns) equals the fit from the rows.
/// The sums are formed here as an engine would, per subject and then over subjects, not by the kernel's own pass, so they
/// differ from its sums by rounding. θ is the optimiser's, which stops where the criterion's rounding no longer tells θs
/// apart: it moves by up to 1.2e-8 (relative) and is compared to 1e-7; what depends on it (estimates, SEs, σ, the criterion,
/// F and the means) moves by up to 2e-9 and is compared to 1e-8. The Satterthwaite df (and so the p-values) come from a
/// numeric Hessian of the deviance, whose finite differences amplify a rounding-level change of the sums to ~1e-8..1e-7
/// (seen up to 2.2e-7): they are compared to 1e-6, as against R.
/// </summary>
public sealed class MixedModelCrossProductsTests
{
    private const double Tolerance = 1e-8;
    private const double Df = 1e-6;
    private const double Theta = 1e-7;

    public static TheoryData<string> Cases => CaseNamesOf("mixed");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitFromCrossProductsEqualsTheFitFromRows(string name)
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case(name);
        MeansGrid? means = input.Fixed.Variables.Count(v => v.IsFactor) == 2 ? ReferenceGrid.CellMeans(input.Fixed, [0, 1]) : null;

        MixedModelFit rows = LinearMixedModel.Fit(input, reml, means);
        MixedModelFit sums = LinearMixedModel.Fit(EngineSums(input), reml, means is null ? null : ReferenceGrid.CellMeans(input.Fixed.Layout, [0, 1]));

        AssertSameFit(rows, sums);
        Assert.Equal(means?.Rows ?? 0, sums.MarginalMeans.Count);
    }

    [Fact]
    public void EmptyCellIsFoundFromTheCrossProductsAsFromTheRows()
    {
        // Group b has no row at time 2: the b:t2 column is all zero, which Xᵀ X shows as a zero pivot.
        int[] group = [0, 0, 1, 0, 0, 1, 0];
        int[] time = [0, 1, 0, 0, 1, 0, 1];
        var design = FixedEffectsDesign.Build(7,
            [DesignVariable.Factor("g", group, ["a", "b"]), DesignVariable.Factor("t", time, ["1", "2"])],
            [[0], [1], [0, 1]]);
        var input = new MixedModelInput([1, 2.5, 3, 4.2, 5, 2.2, 4.1], design, [0, 0, 1, 2, 2, 3, 3], 4, RandomIntercept: true);

        MixedModelFit rows = LinearMixedModel.Fit(input);
        MixedModelFit sums = LinearMixedModel.Fit(EngineSums(input));

        Assert.Equal(["gb:t2"], sums.NotEstimable);
        Assert.Equal(rows.Warnings, sums.Warnings);
        AssertSameFit(rows, sums);
    }

    [Fact]
    public void CollinearNumericColumnIsDroppedFromTheCrossProducts()
    {
        // x2 = 2 x1 exactly: dqrdc2 drops x2; the squared form sees a pivot at rounding level and drops it too.
        double[] x1 = [0.3, 1.1, 2.9, 0.7, 1.9, 2.3, 0.2, 1.4];
        var design = FixedEffectsDesign.Build(8,
            [DesignVariable.Numeric("x1", x1), DesignVariable.Numeric("x2", x1.Select(v => 2 * v).ToArray())],
            [[0], [1]]);

        Assert.Equal([2], FixedEffectsRank.Dropped(design));
        Assert.Equal([2], FixedEffectsRank.DroppedFromCrossProduct(FixedEffectsRank.CrossProduct(design.X, 8, 3), 3));
    }

    /// <summary>The sums an engine returns: per subject Zᵢᵀ Zᵢ, Zᵢᵀ Xᵢ, Zᵢᵀ yᵢ and Xᵢᵀ X_full,i, Xᵢᵀ yᵢ, yᵢᵀ yᵢ; the overall ones summed over subjects.</summary>
    private static MixedModelCrossProducts EngineSums(MixedModelInput input)
    {
        FixedEffectsDesign d = input.Fixed;
        int p = d.Columns, r = d.FullNames.Length, q = (input.RandomIntercept ? 1 : 0) + (input.Slope is null ? 0 : 1), m = input.Subjects;
        var ztz = new double[m * q * q];
        var ztx = new double[m * q * p];
        var zty = new double[m * q];
        var xtFull = new double[p * r];
        var xty = new double[p];
        double yty = 0;
        foreach (IGrouping<int, int> subject in Enumerable.Range(0, input.Response.Length).GroupBy(row => input.Subject[row]).OrderBy(g => g.Key))
        {
            int s = subject.Key;
            var subjectXtFull = new double[p * r];
            var subjectXty = new double[p];
            double subjectYty = 0;
            foreach (int row in subject)
            {
                double y = input.Response[row];
                List<double> z = [];
                if (input.RandomIntercept)
                {
                    z.Add(1);
                }

                if (input.Slope is { } slope)
                {
                    z.Add(slope[row]);
                }

                for (int a = 0; a < q; a++)
                {
                    for (int b = 0; b < q; b++)
                    {
                        ztz[(s * q * q) + (a * q) + b] += z[a] * z[b];
                    }

                    for (int c = 0; c < p; c++)
                    {
                        ztx[(s * q * p) + (a * p) + c] += z[a] * d.X[(row * p) + c];
                    }

                    zty[(s * q) + a] += z[a] * y;
                }

                for (int a = 0; a < p; a++)
                {
                    for (int b = 0; b < r; b++)
                    {
                        subjectXtFull[(a * r) + b] += d.X[(row * p) + a] * d.Full[(row * r) + b];
                    }

                    subjectXty[a] += d.X[(row * p) + a] * y;
                }

                subjectYty += y * y;
            }

            for (int k = 0; k < xtFull.Length; k++)
            {
                xtFull[k] += subjectXtFull[k];
            }

            for (int k = 0; k < p; k++)
            {
                xty[k] += subjectXty[k];
            }

            yty += subjectYty;
        }

        return new MixedModelCrossProducts(d.Layout, input.RandomIntercept, input.Slope is null ? null : input.SlopeName, input.Uncorrelated,
            input.Response.Length, m, xtFull, xty, yty, input.Response.Min(), input.Response.Max(), ztz, ztx, zty);
    }

    private static void AssertSameFit(MixedModelFit rows, MixedModelFit sums)
    {
        Assert.Equal(rows.FixedEffects.Select(f => f.Name), sums.FixedEffects.Select(f => f.Name));
        for (int k = 0; k < rows.FixedEffects.Count; k++)
        {
            FixedEffect a = rows.FixedEffects[k], b = sums.FixedEffects[k];
            AssertClose(a.Estimate, b.Estimate, Tolerance, a.Name + " estimate");
            AssertClose(a.StandardError, b.StandardError, Tolerance, a.Name + " SE");
            AssertClose(a.DegreesOfFreedom, b.DegreesOfFreedom, Df, a.Name + " df");
            AssertPValue(a.PValue, b.PValue, Df, a.Name + " p");
        }

        for (int k = 0; k < rows.Theta.Count; k++)
        {
            AssertClose(rows.Theta[k], sums.Theta[k], Theta, $"theta[{k}]");
        }

        AssertClose(rows.Sigma, sums.Sigma, Tolerance, "sigma");
        AssertClose(rows.Criterion, sums.Criterion, Tolerance, "criterion");
        Assert.Equal(rows.Singular, sums.Singular);
        Assert.Equal(rows.NotEstimable, sums.NotEstimable);
        Assert.Equal(rows.TypeIII.Select(t => (t.Term, t.NumeratorDf)), sums.TypeIII.Select(t => (t.Term, t.NumeratorDf)));
        for (int k = 0; k < rows.TypeIII.Count; k++)
        {
            AssertClose(rows.TypeIII[k].F, sums.TypeIII[k].F, Tolerance, rows.TypeIII[k].Term + " F");
            AssertClose(rows.TypeIII[k].DenominatorDf, sums.TypeIII[k].DenominatorDf, Df, rows.TypeIII[k].Term + " DenDF");
        }

        Assert.Equal(rows.TypeI.Select(t => (t.Term, t.NumeratorDf)), sums.TypeI.Select(t => (t.Term, t.NumeratorDf)));
        for (int k = 0; k < rows.TypeI.Count; k++)
        {
            AssertClose(rows.TypeI[k].F, sums.TypeI[k].F, Tolerance, rows.TypeI[k].Term + " type I F");
        }

        Assert.Equal(rows.MarginalMeans.Count, sums.MarginalMeans.Count);
        for (int k = 0; k < rows.MarginalMeans.Count; k++)
        {
            MarginalMean a = rows.MarginalMeans[k], b = sums.MarginalMeans[k];
            Assert.Equal(a.Label, b.Label);
            AssertClose(a.Estimate, b.Estimate, Tolerance, a.Label + " mean");
            AssertClose(a.StandardError, b.StandardError, Tolerance, a.Label + " mean SE");
            AssertClose(a.DegreesOfFreedom, b.DegreesOfFreedom, Df, a.Label + " mean df");
        }
    }
}
