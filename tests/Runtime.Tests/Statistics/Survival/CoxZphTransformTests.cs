using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>cox.zph(fit, transform = "km" | "rank" | "identity" | "log", terms = TRUE) against R survival 3.5-3 (cox.R, zph_transforms).</summary>
public sealed class CoxZphTransformTests
{
    // Measured, relative, chi-squares (p-values): at most 2e-14 (5e-14) for every fit that converged
    // (km 1.3e-14, rank 1.9e-14, identity 1.4e-14, log 3.4e-15); the two separation cases, fits that
    // did not converge, differ by up to 5.3e-7 (2e-11) (km 1.4e-7, rank and identity 2.4e-7, log
    // 5.3e-7). 1e-6 covers both.
    private const double Tolerance = 1e-6;

    // The monotone case's x term is a vanishing chi-square at a beta drifting towards -infinity
    // (see CoxProportionalHazardsTestTests): compared absolutely.
    private const double MonotoneAbsolute = 1e-6;

    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string name in CoxReference.Fixture.CaseNames)
            {
                foreach (string transform in new[] { "km", "rank", "identity", "log" })
                {
                    data.Add(name, transform);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachTimeScaleMatchesRCoxZph(string name, string transform)
    {
        JsonElement c = CoxReference.Fixture.Case(name);
        CoxDesign design = CoxReference.Design(c);
        CoxFit fit = design.Fit(CoxReference.Ties(c));

        CoxZph zph = CoxProportionalHazardsTest.Test(design, fit, Parse(transform));

        JsonElement table = c.GetProperty("zph_transforms").GetProperty(transform);
        if (table.TryGetProperty("error", out JsonElement error))
        {
            // R stops ("system is exactly singular"): we return NaN with a reason.
            Assert.Contains("singular", error.GetString(), StringComparison.Ordinal);
            Assert.NotNull(zph.Warning);
            Assert.True(double.IsNaN(zph.Global.ChiSquare));
            return;
        }

        double[] chisq = ReferenceFixture.Numbers(table, "chisq");
        double[] p = ReferenceFixture.Numbers(table, "p");
        CoxZphTest[] rows = zph.Terms.Append(zph.Global).ToArray();
        Assert.Null(zph.Warning);
        Assert.Equal(chisq.Length, rows.Length);
        Assert.Equal("GLOBAL", rows[^1].Term);
        Assert.Equal(ReferenceFixture.Integers(table, "df"), rows.Select(r => r.DegreesOfFreedom));
        for (int i = 0; i < rows.Length; i++)
        {
            string quantity = $"{name} {transform} {rows[i].Term}";
            if (chisq[i] < 1e-6 && name.StartsWith("monotone", StringComparison.Ordinal))
            {
                Assert.True(Math.Abs(chisq[i] - rows[i].ChiSquare) < MonotoneAbsolute, $"{quantity}: chi-square {rows[i].ChiSquare} vs R {chisq[i]}");
                continue;
            }

            ReferenceFixture.AssertClose(chisq[i], rows[i].ChiSquare, Tolerance, "chisq " + quantity);
            ReferenceFixture.AssertPValue(p[i], rows[i].PValue, Tolerance, "p " + quantity);
        }
    }

    [Fact]
    public void TheTimeScalesGiveDifferentTestsOnTheSameFit()
    {
        JsonElement c = CoxReference.Fixture.Case("lung_efron");
        CoxDesign design = CoxReference.Design(c);
        CoxFit fit = design.Fit(CoxTies.Efron);

        double[] global = Enum.GetValues<CoxZphTransform>().Select(t => CoxProportionalHazardsTest.Test(design, fit, t).Global.ChiSquare).ToArray();

        Assert.Equal(global.Length, global.Distinct().Count());
    }

    [Fact]
    public void TheLogTimeScaleOfAZeroEventTimeIsUndefinedWithAReason()
    {
        double[] time = [0, 2, 3, 5, 7, 11];
        int[] status = [1, 1, 0, 1, 1, 0];
        double[] x = [1.2, 0.4, 2.2, 0.9, 1.7, 0.1];
        CoxDesign design = CoxDesign.Build([new CoxNumericCovariate("x", x)], time, status, []);

        CoxZph zph = CoxProportionalHazardsTest.Test(design, design.Fit(CoxTies.Efron), CoxZphTransform.Log);

        Assert.Contains("not finite", zph.Warning, StringComparison.Ordinal);
        Assert.True(double.IsNaN(zph.Global.ChiSquare));
    }

    private static CoxZphTransform Parse(string transform) => transform switch
    {
        "km" => CoxZphTransform.Km,
        "rank" => CoxZphTransform.Rank,
        "identity" => CoxZphTransform.Identity,
        _ => CoxZphTransform.Log,
    };
}
