using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Survival;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Statistics.Survival.SurvivalFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

public sealed class KaplanMeierTests
{
    // Products and sums in R's order: survival, Greenwood SE and limits agree to a few ulps; 1e-12.
    // Medians, limits and times are data values or their midpoints: exact up to 1e-12.
    // RMST sums the same rectangles as survmean: 1e-12.
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> CasesByConfidence
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string name in Fixture.CaseNames)
            {
                foreach (string type in new[] { "log", "log_log", "plain" })
                {
                    data.Add(name, type);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CasesByConfidence))]
    public void CurvesMatchRSurvfit(string name, string type)
    {
        JsonElement c = Fixture.Case(name);
        var (time, status, group, k) = Inputs(c);

        KaplanMeierFit fit = KaplanMeier.Fit(time, status, group, k, Confidence(type));

        foreach (JsonElement r in c.GetProperty("km").GetProperty(type).EnumerateArray())
        {
            KaplanMeierCurve curve = fit.Curves[(int)ReferenceFixture.Number(r, "group")];
            string at = $"{name} {type} group {curve.Group}";
            Assert.Equal((int)ReferenceFixture.Number(r, "n"), curve.N);
            Assert.Equal((int)ReferenceFixture.Number(r, "events"), curve.Events);
            AssertAll(ReferenceFixture.Numbers(r, "time"), curve.Time, at + " time");
            AssertAll(ReferenceFixture.Numbers(r, "n_risk"), curve.NRisk.Select(v => (double)v).ToArray(), at + " n.risk");
            AssertAll(ReferenceFixture.Numbers(r, "n_event"), curve.NEvent.Select(v => (double)v).ToArray(), at + " n.event");
            AssertAll(ReferenceFixture.Numbers(r, "n_censor"), curve.NCensor.Select(v => (double)v).ToArray(), at + " n.censor");
            AssertAll(ReferenceFixture.Numbers(r, "surv"), curve.Survival, at + " surv");
            AssertAll(ReferenceFixture.Numbers(r, "std_err"), curve.StdErr, at + " std.err");
            AssertAll(ReferenceFixture.Numbers(r, "lower"), curve.Lower, at + " lower");
            AssertAll(ReferenceFixture.Numbers(r, "upper"), curve.Upper, at + " upper");
            AssertAll(ReferenceFixture.Numbers(r, "cumhaz"), curve.CumulativeHazard, at + " cumhaz");
            AssertAll(ReferenceFixture.Numbers(r, "std_chaz"), curve.CumulativeHazardStdErr, at + " std.chaz");
        }
    }

    [Theory]
    [MemberData(nameof(CasesByConfidence))]
    public void MedianAndRestrictedMeanMatchRPrint(string name, string type)
    {
        JsonElement c = Fixture.Case(name);
        var (time, status, group, k) = Inputs(c);
        double horizon = ReferenceFixture.Number(c, "horizon");

        KaplanMeierFit fit = KaplanMeier.Fit(time, status, group, k, Confidence(type));

        foreach (JsonElement r in c.GetProperty("km").GetProperty(type).EnumerateArray())
        {
            KaplanMeierCurve curve = fit.Curves[(int)ReferenceFixture.Number(r, "group")];
            string at = $"{name} {type} group {curve.Group}";
            ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "median"), curve.Median, Tolerance, at + " median");
            ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "median_lower"), curve.MedianLower, Tolerance, at + " median LCL");
            ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "median_upper"), curve.MedianUpper, Tolerance, at + " median UCL");
            (double mean, double se) = curve.RestrictedMean(horizon);
            ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "rmean"), mean, Tolerance, at + " rmean");
            ReferenceFixture.AssertClose(ReferenceFixture.Number(r, "rmean_se"), se, Tolerance, at + " se(rmean)");
        }
    }

    [Theory]
    [MemberData(nameof(CasesByConfidence))]
    public void SurvivalAtTimesMatchesRSummary(string name, string type)
    {
        JsonElement c = Fixture.Case(name);
        var (time, status, group, k) = Inputs(c);
        double[] times = ReferenceFixture.Numbers(c, "times");

        KaplanMeierFit fit = KaplanMeier.Fit(time, status, group, k, Confidence(type));

        foreach (JsonElement r in c.GetProperty("km").GetProperty(type).EnumerateArray())
        {
            KaplanMeierCurve curve = fit.Curves[(int)ReferenceFixture.Number(r, "group")];
            JsonElement expected = r.GetProperty("at");
            IReadOnlyList<SurvivalAtTime> rows = curve.At(times);
            string at = $"{name} {type} group {curve.Group} at";
            double[] nRisk = ReferenceFixture.Numbers(expected, "n_risk");
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(!double.IsNaN(nRisk[i]), rows[i].Estimable);
            }

            AssertAll(nRisk, rows.Select(x => x.Estimable ? x.NRisk : double.NaN).ToArray(), at + " n.risk");
            AssertAll(ReferenceFixture.Numbers(expected, "surv"), rows.Select(x => x.Survival).ToArray(), at + " surv");
            AssertAll(ReferenceFixture.Numbers(expected, "std_err"), rows.Select(x => x.StdErr).ToArray(), at + " std.err");
            AssertAll(ReferenceFixture.Numbers(expected, "lower"), rows.Select(x => x.Lower).ToArray(), at + " lower");
            AssertAll(ReferenceFixture.Numbers(expected, "upper"), rows.Select(x => x.Upper).ToArray(), at + " upper");
            AssertAll(ReferenceFixture.Numbers(expected, "cumhaz"), rows.Select(x => x.CumulativeHazard).ToArray(), at + " cumhaz");
            AssertAll(ReferenceFixture.Numbers(expected, "std_chaz"), rows.Select(x => x.CumulativeHazardStdErr).ToArray(), at + " std.chaz");
        }
    }

    private static void AssertAll(double[] expected, IReadOnlyList<double> actual, string quantity)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            ReferenceFixture.AssertClose(expected[i], actual[i], Tolerance, $"{quantity}[{i}]");
        }
    }
}
