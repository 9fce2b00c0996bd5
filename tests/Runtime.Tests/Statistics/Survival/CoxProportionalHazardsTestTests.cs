using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>cox.zph(fit, transform = "km", terms = TRUE) and the concordance's SE against R survival 3.5-3 (cox.R).</summary>
public sealed class CoxProportionalHazardsTestTests
{
    // The same sums as R in a different order: every case also passes at 1e-10 (checked);
    // 1e-9 leaves room for summation order on other machines.
    private const double Tolerance = 1e-9;

    // The monotone case's x term is ~2.6e-10: a difference of two vanishing quantities at a
    // beta that drifts towards -infinity; compared absolutely on the chi-square scale.
    private const double MonotoneAbsolute = 1e-6;

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("cox");

    [Theory]
    [MemberData(nameof(Cases))]
    public void PerTermAndGlobalTestsMatchRCoxZph(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);
        CoxDesign design = CoxReference.Design(c);
        CoxFit fit = design.Fit(CoxReference.Ties(c));

        CoxZph zph = CoxProportionalHazardsTest.Test(design, fit);

        JsonElement table = c.GetProperty("zph");
        if (!table.TryGetProperty("chisq", out _))
        {
            // R stops ("system is exactly singular"): we return NaN with a reason.
            Assert.Contains("singular", c.GetProperty("zph_error").GetString(), StringComparison.Ordinal);
            Assert.NotNull(zph.Warning);
            Assert.True(double.IsNaN(zph.Global.ChiSquare));
            Assert.All(zph.Terms, t => Assert.True(double.IsNaN(t.ChiSquare)));
            return;
        }

        double[] chisq = ReferenceFixture.Numbers(table, "chisq");
        int[] df = ReferenceFixture.Integers(table, "df");
        double[] p = ReferenceFixture.Numbers(table, "p");
        CoxZphTest[] rows = zph.Terms.Append(zph.Global).ToArray();
        Assert.Null(zph.Warning);
        Assert.Equal(chisq.Length, rows.Length);
        Assert.Equal("GLOBAL", rows[^1].Term);
        for (int i = 0; i < rows.Length; i++)
        {
            string quantity = $"{name} {rows[i].Term}";
            Assert.Equal(df[i], rows[i].DegreesOfFreedom);
            if (name.StartsWith("separation", StringComparison.Ordinal))
            {
                // Coefficients agree to ~1e-7 relative on a fit that did not converge (CoxRegressionTests).
                ReferenceFixture.AssertClose(chisq[i], rows[i].ChiSquare, 1e-6, "chisq " + quantity);
                continue;
            }

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
    public void AMultiLevelFactorIsOneTermWithOneDegreeOfFreedomPerLevel()
    {
        JsonElement c = CoxReference.Fixture.Case("lung_factor_ecog_reference_1");
        CoxDesign design = CoxReference.Design(c);

        CoxZph zph = CoxProportionalHazardsTest.Test(design, design.Fit(CoxTies.Efron));

        Assert.Equal(new[] { "ph.ecog", "age", "sex" }, zph.Terms.Select(t => t.Term));
        Assert.Equal(new[] { 3, 1, 1 }, zph.Terms.Select(t => t.DegreesOfFreedom));
        Assert.Equal(5, zph.Global.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConcordanceStandardErrorMatchesRConcordanceVariance(string name)
    {
        JsonElement c = CoxReference.Fixture.Case(name);

        CoxFit fit = CoxReference.Design(c).Fit(CoxReference.Ties(c));

        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "concordance_se"), fit.ConcordanceStandardError, Tolerance, "sqrt(concordance(fit)$var)");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "summary_concordance_se"), fit.ConcordanceStandardError, Tolerance, "summary(fit)$concordance[2]");
    }
}
