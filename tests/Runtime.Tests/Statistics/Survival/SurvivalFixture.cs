using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Survival;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>Reads the inputs of a <c>survival_km_logrank</c> case; NA codes become -1 (missing).</summary>
internal static class SurvivalFixture
{
    public static readonly ReferenceFixture Fixture = ReferenceFixture.Load("survival_km_logrank");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("survival_km_logrank");

    public static (double[] Time, int[] Status, int[] Group, int GroupCount) Inputs(JsonElement c)
    {
        double[] time = ReferenceFixture.Numbers(c, "time");
        int[] status = Codes(ReferenceFixture.Numbers(c, "status"));
        int[] group = Codes(ReferenceFixture.Numbers(c, "group"));
        return (time, status, group, c.GetProperty("levels").GetArrayLength());
    }

    public static int[] Strata(JsonElement c) => Codes(ReferenceFixture.Numbers(c, "strata"));

    public static SurvivalConfidence Confidence(string rName) => rName switch
    {
        "log_log" => SurvivalConfidence.LogLog,
        "plain" => SurvivalConfidence.Plain,
        _ => SurvivalConfidence.Log,
    };

    private static int[] Codes(double[] values)
    {
        var codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            codes[i] = double.IsNaN(values[i]) ? -1 : (int)values[i];
        }

        return codes;
    }
}
