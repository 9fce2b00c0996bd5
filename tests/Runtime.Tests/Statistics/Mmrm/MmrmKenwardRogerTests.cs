using System;
using System.Linq;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.Mmrm;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Tests.Reference;
using ProtocolLang.Runtime.Tests.Statistics.Mixed;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mmrm;

/// <summary>
/// MMRM Kenward-Roger against <c>tests/Reference/r/kenward_roger.R</c>, which computes mmrm's "Kenward-Roger" and
/// "Kenward-Roger-Linear" from the formulas of its vignette (the mmrm package is not installed) on mmrm.R's trial.
/// Tolerance 1e-6 for SEs, Φ_A, one-row df and F: W is a numeric Hessian on both sides, at optima that differ in θ
/// by what the criterion's rounding lets a gradient see (cf. MmrmTests), which moves these in the seventh digit.
/// The multi-row denominator df at 1e-5, as MmrmTests' Satterthwaite df: A₁ and A₂ are differences of sums of W's
/// entries, which amplify that θ difference (3e-6 seen for us, 1e-8 for cs).
/// </summary>
public sealed class MmrmKenwardRogerTests
{
    private const double Tolerance = 1e-6;
    private const double MultiRowDf = 1e-5;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("kenward_roger");

    private static readonly Lazy<MmrmTests.TrialData> Data = new(MmrmTests.TrialData.Read);

    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (string s in new[] { "us", "cs", "ar1", "toep" })
        {
            cases.Add(s, false);
            cases.Add(s, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CoefficientsMeansContrastsAndTestsMatchTheReference(string structure, bool linear)
    {
        JsonElement c = Fixture.Case("mmrm_" + structure);
        JsonElement r = c.GetProperty(linear ? "kenward_roger_linear" : "kenward_roger");

        MmrmFit fit = MmrmModel.Fit(Data.Value.Input(), MmrmTests.Kind(structure), DegreesOfFreedomMethod.KenwardRoger, linear);

        Assert.Equal(DegreesOfFreedomMethod.KenwardRoger, fit.DegreesOfFreedom);
        double[] beta = Numbers(c, "beta"), se = Numbers(r, "se"), df = Numbers(r, "df");
        int p = beta.Length;
        for (int k = 0; k < p; k++)
        {
            AssertClose(beta[k], fit.FixedEffects[k].Estimate, Tolerance, fit.FixedEffects[k].Name);
            AssertClose(se[k], fit.FixedEffects[k].StandardError, Tolerance, fit.FixedEffects[k].Name + " adjusted SE");
            AssertClose(df[k], fit.FixedEffects[k].DegreesOfFreedom, Tolerance, fit.FixedEffects[k].Name + " KR df");
        }

        KenwardRogerTests.AssertMatrixClose(Numbers(r, "vcov"), fit.FixedEffectsCovariance, p, "Phi_A");
        JsonElement means = r.GetProperty("means");
        double[] meanSe = Numbers(means, "se"), meanDf = Numbers(means, "df"), meanEstimate = Numbers(means, "estimate");
        for (int row = 0; row < meanSe.Length; row++)
        {
            ContrastEstimate e = fit.Estimate(MeanRow(row % 4, row / 4));
            AssertClose(meanEstimate[row], e.Estimate, Tolerance, $"mean {row}");
            AssertClose(meanSe[row], e.StandardError, Tolerance, $"mean {row} SE");
            AssertClose(meanDf[row], e.DegreesOfFreedom, Tolerance, $"mean {row} df");
        }

        JsonElement contrasts = r.GetProperty("visit_contrast");
        double[] contrastSe = Numbers(contrasts, "se"), contrastDf = Numbers(contrasts, "df");
        for (int v = 0; v < 4; v++)
        {
            ContrastEstimate e = fit.Estimate(Data.Value.ArmContrastAt(v));
            AssertClose(contrastSe[v], e.StandardError, Tolerance, $"visit {v + 1} contrast SE");
            AssertClose(contrastDf[v], e.DegreesOfFreedom, Tolerance, $"visit {v + 1} contrast df");
        }

        var kr = Assert.IsType<KenwardRoger>(fit.Inference);
        Vector<double> b = Vector<double>.Build.Dense(fit.FixedEffects.Select(f => f.Estimate).ToArray());
        foreach (JsonProperty test in r.GetProperty("tests").EnumerateObject())
        {
            string[] columns = test.Value.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
            int[] index = columns.Select(n => fit.FixedEffects.Select(f => f.Name).ToList().IndexOf(n)).ToArray();
            Matrix<double> l = Matrix<double>.Build.Dense(index.Length, p, (i, j) => j == index[i] ? 1 : 0);

            KenwardRoger.Result result = kr.Test(l, b);

            Assert.Equal((int)Number(test.Value, "num_df"), result.NumDf);
            AssertClose(Number(test.Value, "den_df"), result.DenDf, MultiRowDf, test.Name + " KR DenDF");
            AssertClose(Number(test.Value, "lambda"), result.Lambda, Tolerance, test.Name + " lambda");
            AssertClose(Number(test.Value, "f"), result.F, Tolerance, test.Name + " scaled F");
        }
    }

    [Theory]
    [InlineData("us")]
    [InlineData("cs")]
    public void OneRowKenwardRogerDfAreTheSatterthwaiteDfButTheSesAreAdjusted(string structure)
    {
        // mmrm's vignette: with W the observed information, a single contrast's KR df is Satterthwaite's; only Φ_A differs.
        MmrmFit satterthwaite = MmrmModel.Fit(Data.Value.Input(), MmrmTests.Kind(structure));
        MmrmFit kr = MmrmModel.Fit(Data.Value.Input(), MmrmTests.Kind(structure), DegreesOfFreedomMethod.KenwardRoger);

        for (int k = 0; k < kr.FixedEffects.Count; k++)
        {
            AssertClose(satterthwaite.FixedEffects[k].DegreesOfFreedom, kr.FixedEffects[k].DegreesOfFreedom, 1e-6, kr.FixedEffects[k].Name + " df");
            // Full KR's ¼R term can shrink an SE below Φ's; it always moves it.
            double ratio = kr.FixedEffects[k].StandardError / satterthwaite.FixedEffects[k].StandardError;
            Assert.True(Math.Abs(ratio - 1) > 1e-5, $"{kr.FixedEffects[k].Name} SE ratio {ratio}");
        }
    }

    /// <summary>A row of R's grid: arm a at visit v (0-based), baseline at its mean.</summary>
    private static double[] MeanRow(int v, int a)
    {
        var l = new double[9];
        l[0] = 1;
        l[1] = a;
        if (v > 0)
        {
            l[1 + v] = 1;
            l[5 + v] = a;
        }

        l[5] = Data.Value.Base.Average();
        return l;
    }
}
