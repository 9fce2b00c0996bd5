using System;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

/// <summary>Builds each case of <c>mixed.expected.json</c> into the kernel's input, as the R script specifies it.</summary>
internal static class MixedFixture
{
    public static readonly ReferenceFixture Fixture = ReferenceFixture.Load("mixed");

    public static (MixedModelInput Input, bool Reml) Case(string name)
    {
        JsonElement c = Fixture.Case(name);
        JsonElement data = c.GetProperty("data");
        bool reml = c.GetProperty("reml").GetBoolean();
        double[] y = ReferenceFixture.Numbers(data, "y");
        int[] subject = ReferenceFixture.Integers(data, "subject");
        int subjects = subject.Max() + 1;
        return name switch
        {
            "sleepstudy_slope_reml" or "sleepstudy_slope_ml" => (SleepStudy(y, data, subject, subjects, slope: true), reml),
            "sleepstudy_intercept_reml" => (SleepStudy(y, data, subject, subjects, slope: false), reml),
            "nxp2_log_ck_group_by_month_reml" => (Seed(y, data, subject, subjects), reml),
            "singular_random_intercept_reml" => (new MixedModelInput(y,
                FixedEffectsDesign.Build(y.Length, [DesignVariable.Numeric("x", ReferenceFixture.Numbers(data, "x"))], [[0]]),
                subject, subjects, RandomIntercept: true), reml),
            _ => throw new ArgumentException("unknown case " + name),
        };
    }

    private static MixedModelInput SleepStudy(double[] y, JsonElement data, int[] subject, int subjects, bool slope)
    {
        double[] days = ReferenceFixture.Numbers(data, "days");
        var design = FixedEffectsDesign.Build(y.Length, [DesignVariable.Numeric("Days", days)], [[0]]);
        return new MixedModelInput(y, design, subject, subjects, RandomIntercept: true, slope ? days : null, slope ? "Days" : null);
    }

    private static MixedModelInput Seed(double[] ck, JsonElement data, int[] subject, int subjects)
    {
        double[] month = ReferenceFixture.Numbers(data, "month");
        string[] levels = data.GetProperty("group_levels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        double[] monthLevels = month.Distinct().Order().ToArray();
        var group = DesignVariable.Factor("group", ReferenceFixture.Integers(data, "group"), levels);
        var time = DesignVariable.Factor("factor(month)", month.Select(m => Array.IndexOf(monthLevels, m)).ToArray(),
            monthLevels.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        var design = FixedEffectsDesign.Build(ck.Length, [group, time], [[0], [1], [0, 1]]);
        return new MixedModelInput(ck.Select(v => Math.Log(v)).ToArray(), design, subject, subjects, RandomIntercept: true);
    }
}
