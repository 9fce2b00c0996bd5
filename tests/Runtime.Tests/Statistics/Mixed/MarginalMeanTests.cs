using System.Globalization;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

public sealed class MarginalMeanTests
{
    [Fact]
    public void CellMeansOfTheSeedModelMatchLmerTestContest1D()
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case("nxp2_log_ck_group_by_month_reml");
        JsonElement r = MixedFixture.Fixture.Case("nxp2_log_ck_group_by_month_reml").GetProperty("cell_means");
        string[] groups = r.GetProperty("group").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] months = Numbers(r, "month");
        DesignVariable group = input.Fixed.Variables[0], time = input.Fixed.Variables[1];
        int[] groupCodes = groups.Select(g => group.Levels!.ToList().IndexOf(g)).ToArray();
        int[] timeCodes = months.Select(m => time.Levels!.ToList().IndexOf(m.ToString(CultureInfo.InvariantCulture))).ToArray();
        var rows = FixedEffectsDesign.Build(groups.Length,
            [DesignVariable.Factor(group.Name, groupCodes, group.Levels!), DesignVariable.Factor(time.Name, timeCodes, time.Levels!)],
            input.Fixed.Terms);
        string[] labels = groups.Zip(months, (g, m) => $"{g} {m}").ToArray();

        MixedModelFit fit = LinearMixedModel.Fit(input, reml, new MeansGrid(rows, labels));

        double[] estimate = Numbers(r, "estimate"), se = Numbers(r, "se"), df = Numbers(r, "df"), lower = Numbers(r, "lower"), upper = Numbers(r, "upper");
        Assert.Equal(labels, fit.MarginalMeans.Select(m => m.Label));
        for (int k = 0; k < labels.Length; k++)
        {
            MarginalMean m = fit.MarginalMeans[k];
            AssertClose(estimate[k], m.Estimate, 1e-6, labels[k] + " estimate");
            AssertClose(se[k], m.StandardError, 1e-6, labels[k] + " SE");
            AssertClose(df[k], m.DegreesOfFreedom, 1e-6, labels[k] + " df");
            AssertClose(lower[k], m.Lower, 1e-6, labels[k] + " lower");
            AssertClose(upper[k], m.Upper, 1e-6, labels[k] + " upper");
        }
    }
}
