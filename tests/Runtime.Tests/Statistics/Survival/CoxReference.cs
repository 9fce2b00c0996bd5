using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>Reads a case of <c>cox.expected.json</c> (written by tests/Reference/r/cox.R) into a design.</summary>
internal static class CoxReference
{
    public static readonly ReferenceFixture Fixture = ReferenceFixture.Load("cox");

    public static CoxDesign Design(JsonElement c)
    {
        var covariates = new List<CoxCovariate>();
        foreach (JsonElement v in c.GetProperty("covariates").EnumerateArray())
        {
            string name = v.GetProperty("name").GetString()!;
            if (v.GetProperty("kind").GetString() == "numeric")
            {
                covariates.Add(new CoxNumericCovariate(name, ReferenceFixture.Numbers(v, "values")));
                continue;
            }

            string[] levels = v.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToArray();
            int reference = Array.IndexOf(levels, v.GetProperty("reference").GetString());
            covariates.Add(new CoxFactorCovariate(name, levels, ReferenceFixture.Integers(v, "codes"), reference));
        }

        JsonElement strata = c.GetProperty("strata");
        int[] strataCodes = strata.ValueKind == JsonValueKind.Array ? ReferenceFixture.Integers(c, "strata") : Array.Empty<int>();
        return CoxDesign.Build(covariates, ReferenceFixture.Numbers(c, "time"), ReferenceFixture.Integers(c, "event"), strataCodes);
    }

    public static CoxTies Ties(JsonElement c) => c.GetProperty("ties").GetString() switch
    {
        "breslow" => CoxTies.Breslow,
        "exact" => CoxTies.Exact,
        _ => CoxTies.Efron,
    };

    public static string[] Warnings(JsonElement c) => c.GetProperty("warnings") switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(w => w.GetString()!).ToArray(),
        _ => Array.Empty<string>(),
    };
}
