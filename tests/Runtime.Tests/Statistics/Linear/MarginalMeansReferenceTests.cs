using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Tests.Reference;
using Xunit;
using Csv = ProtocolLang.Runtime.Tests.Statistics.Linear.LinearModelReferenceTests.Csv;

namespace ProtocolLang.Runtime.Tests.Statistics.Linear;

/// <summary>
/// Estimated marginal means and their contrasts against R's emmeans (tests/Reference/r/emmeans_linear.R →
/// emmeans_linear.expected.json). Closed-form, so 1e-6 relative; the one exception is the Tukey p-value of more than two
/// means, which is 1 − P(Q ≤ q) from a quadrature (see <see cref="ProtocolLang.Runtime.Statistics.StudentizedRange"/>:
/// absolute accuracy, and R's ptukey itself is good to about 6e-8 relative at these df), compared to 1e-9 absolute.
/// </summary>
public sealed class MarginalMeansReferenceTests
{
    private const double Tolerance = 1e-6;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("emmeans_linear");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("emmeans_linear");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeansMatchEmmeans(string name)
    {
        JsonElement c = Fixture.Case(name);
        MarginalMeans means = Compute(name, out _);

        Assert.True(means.Estimable);
        AssertColumn(c, "estimate", means.Means.Select(m => m.Estimate), "emmean");
        AssertColumn(c, "se", means.Means.Select(m => m.StandardError), "SE");
        AssertColumn(c, "df", means.Means.Select(m => m.DegreesOfFreedom), "df");
        AssertColumn(c, "ci_low", means.Means.Select(m => m.Low), "lower.CL");
        AssertColumn(c, "ci_high", means.Means.Select(m => m.High), "upper.CL");
        if (c.TryGetProperty("response", out JsonElement response))
        {
            MarginalMean[] back = means.Means.Select(m => m.BackTransformed()).ToArray();
            AssertColumn(response, "estimate", back.Select(m => m.Estimate), "response");
            AssertColumn(response, "se", back.Select(m => m.StandardError), "response SE");
            AssertColumn(response, "ci_low", back.Select(m => m.Low), "response lower.CL");
            AssertColumn(response, "ci_high", back.Select(m => m.High), "response upper.CL");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ContrastsMatchEmmeans(string name)
    {
        JsonElement c = Fixture.Case(name);
        MarginalMeans means = Compute(name, out bool logged);
        foreach (JsonElement family in c.GetProperty("contrasts").EnumerateArray())
        {
            string method = family.GetProperty("method").GetString()!;
            string adjust = family.GetProperty("adjust").GetString()!;
            IReadOnlyList<MarginalContrast> rows = means.Contrasts(
                method == "pairwise" ? MarginalContrastMethod.Pairwise : MarginalContrastMethod.Reference,
                Enum.Parse<MarginalAdjust>(adjust, ignoreCase: true));
            if (logged)
            {
                rows = rows.Select(r => r.BackTransformed()).ToArray();
            }

            string what = $"{method}/{adjust} ";
            AssertColumn(family, "estimate", rows.Select(r => r.Estimate), what + "estimate");
            AssertColumn(family, "se", rows.Select(r => r.StandardError), what + "SE");
            AssertColumn(family, "df", rows.Select(r => r.DegreesOfFreedom), what + "df");
            AssertColumn(family, "t", rows.Select(r => r.T), what + "t");
            AssertColumn(family, "ci_low", rows.Select(r => r.Low), what + "lower.CL");
            AssertColumn(family, "ci_high", rows.Select(r => r.High), what + "upper.CL");
            double[] expected = ReferenceFixture.Numbers(family, "p");
            double[] actual = rows.Select(r => r.PValue).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            bool quadrature = adjust == "tukey" && means.Levels.Count > 2;
            for (int i = 0; i < expected.Length; i++)
            {
                if (quadrature)
                {
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9, $"{what}p[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
                }
                else
                {
                    ReferenceFixture.AssertPValue(expected[i], actual[i], Tolerance, $"{what}p[{i}]");
                }
            }
        }
    }

    [Fact]
    public void ContrastLabelsFollowEmmeansOrder()
    {
        MarginalMeans means = Compute("toothgrowth_dose_by_supp", out _);

        Assert.Equal(
            ["0.5 - 1", "0.5 - 2", "1 - 2", "0.5 - 1", "0.5 - 2", "1 - 2"],
            means.Contrasts(MarginalContrastMethod.Pairwise, MarginalAdjust.None).Select(r => r.Label));
        Assert.Equal(["OJ", "OJ", "VC", "VC"], means.Contrasts(MarginalContrastMethod.Reference, MarginalAdjust.Holm).Select(r => r.By));
        Assert.Equal(["1 - 0.5", "2 - 0.5"], means.Contrasts(MarginalContrastMethod.Reference, MarginalAdjust.None).Take(2).Select(r => r.Label));
        Assert.Equal("1 / 0.5", means.Contrasts(MarginalContrastMethod.Reference, MarginalAdjust.None)[0].BackTransformed().Label);
    }

    [Fact]
    public void AliasedModelGivesNaNAndIsNotEstimable()
    {
        var d = Csv.Read("mtcars.csv");
        var vars = new[] { d.NumberAsFactor("cyl", "factor(cyl)"), ModelVariable.Numeric("wt", d.Number("wt")), ModelVariable.Numeric("wt_x2", d.Number("wt_x2")) };
        LinearModelFit fit = LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1], [2]], d.Number("mpg")));

        MarginalMeans means = MarginalMeans.Compute(fit, 0);

        Assert.False(means.Estimable);
        Assert.All(means.Means, m => Assert.True(double.IsNaN(m.Estimate) && double.IsNaN(m.StandardError)));
        Assert.All(means.Contrasts(MarginalContrastMethod.Pairwise, MarginalAdjust.Tukey), r => Assert.True(double.IsNaN(r.PValue)));
    }

    [Fact]
    public void SumCodedMatrixIsRefused()
    {
        var d = Csv.Read("toothgrowth.csv");
        var vars = new[] { d.Factor("supp", "supp"), d.NumberAsFactor("dose", "factor(dose)") };
        LinearModelFit fit = LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1]], d.Number("len"), ModelContrasts.Sum));

        Assert.Throws<ArgumentException>(() => MarginalMeans.Compute(fit, 1));
    }

    private static MarginalMeans Compute(string name, out bool logged)
    {
        logged = false;
        switch (name)
        {
            case "toothgrowth_dose_by_supp":
            case "toothgrowth_supp":
            {
                var d = Csv.Read("toothgrowth.csv");
                var vars = new[] { d.Factor("supp", "supp"), d.NumberAsFactor("dose", "factor(dose)") };
                LinearModelFit fit = LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1], [0, 1]], d.Number("len")));
                return name == "toothgrowth_supp" ? MarginalMeans.Compute(fit, 0) : MarginalMeans.Compute(fit, 1, 0);
            }

            case "warpbreaks_tension":
            {
                var d = Csv.Read("warpbreaks.csv");
                var vars = new[] { d.Factor("wool", "wool", "A", "B"), d.Factor("tension", "tension", "L", "M", "H") };
                return MarginalMeans.Compute(LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1]], d.Number("breaks"))), 1);
            }

            case "ancova_arm":
            {
                var d = Csv.Read("ancova_sim.csv");
                var vars = new[] { d.Factor("arm", "arm", "placebo", "active"), ModelVariable.Numeric("baseline", d.Number("baseline")) };
                return MarginalMeans.Compute(LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1]], d.Number("change"))), 0);
            }

            case "toothgrowth_log_dose":
            {
                logged = true;
                var d = Csv.Read("toothgrowth.csv");
                var vars = new[] { d.Factor("supp", "supp"), d.NumberAsFactor("dose", "factor(dose)") };
                double[] y = d.Number("len").Select(v => Math.Log(v)).ToArray();
                return MarginalMeans.Compute(LinearModel.Fit(ModelMatrix.Build(vars, [[0], [1]], y)), 1);
            }

            default:
                throw new ArgumentException("Unknown case " + name, nameof(name));
        }
    }

    private static void AssertColumn(JsonElement c, string property, IEnumerable<double> actual, string quantity)
    {
        double[] expected = ReferenceFixture.Numbers(c, property);
        double[] got = actual.ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            ReferenceFixture.AssertClose(expected[i], got[i], Tolerance, $"{quantity}[{i}]");
        }
    }
}
