using System;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics;

public sealed class PAdjustTests
{
    // Same products and running extrema in the same order as R: equal up to one rounding.
    private const double Tolerance = 1e-15;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("p_adjust");

    public static TheoryData<string, AdjustMethod, string> Cases
    {
        get
        {
            var data = new TheoryData<string, AdjustMethod, string>();
            foreach (string name in Fixture.CaseNames)
            {
                data.Add(name, AdjustMethod.None, "none");
                data.Add(name, AdjustMethod.Bonferroni, "bonferroni");
                data.Add(name, AdjustMethod.Holm, "holm");
                data.Add(name, AdjustMethod.Hochberg, "hochberg");
                data.Add(name, AdjustMethod.BenjaminiHochberg, "bh");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AdjustMatchesRPAdjust(string name, AdjustMethod method, string rMethod)
    {
        JsonElement c = Fixture.Case(name);
        double[] expected = ReferenceFixture.Numbers(c, rMethod);

        double[] adjusted = PAdjust.Adjust(ReferenceFixture.Numbers(c, "p"), method);

        Assert.Equal(expected.Length, adjusted.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            ReferenceFixture.AssertClose(expected[i], adjusted[i], Tolerance, $"{rMethod}[{i}]");
        }
    }

    [Fact]
    public void HolmOnThreeValuesIsHandComputable()
    {
        // Sorted 0.01, 0.02, 0.04 -> 3 * 0.01, max(0.03, 2 * 0.02), max(0.04, 1 * 0.04); input order kept.
        double[] adjusted = PAdjust.Adjust([0.04, 0.01, 0.02], AdjustMethod.Holm);

        Assert.Equal(new[] { 0.04, 0.03, 0.04 }, adjusted);
    }

    [Fact]
    public void BenjaminiHochbergIsMonotoneInTheRawPValues()
    {
        double[] p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];

        double[] adjusted = PAdjust.Adjust(p, AdjustMethod.BenjaminiHochberg);

        for (int i = 1; i < p.Length; i++)
        {
            Assert.True(adjusted[i] >= adjusted[i - 1], $"adjusted[{i}] < adjusted[{i - 1}]");
        }

        // (8 / 5) * 0.042 = 0.0672 is below every later term, and caps adjusted[3] = min(2 * 0.041, 0.0672).
        Assert.Equal(0.0672, adjusted[4], 1e-15);
        Assert.Equal(0.0672, adjusted[3], 1e-15);
    }

    [Fact]
    public void EmptyFamilyGivesEmptyResult()
    {
        Assert.Empty(PAdjust.Adjust(ReadOnlySpan<double>.Empty, AdjustMethod.Holm));
    }
}
