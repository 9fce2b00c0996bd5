namespace ProtocolLang.Runtime.Statistics;

/// <summary>A ties method as R spells it (<c>coxph(ties = )</c>) and as a methods section says it.</summary>
internal static class CoxTiesNames
{
    /// <summary><c>coxph</c>'s <c>ties</c> argument: "efron", "breslow" or "exact"; results.json records the same word.</summary>
    public static string RName(CoxTies ties) => ties switch
    {
        CoxTies.Breslow => "breslow",
        CoxTies.Exact => "exact",
        _ => "efron",
    };

    /// <summary>How the methods text names the ties method of <see cref="RName"/> <paramref name="rName"/>.</summary>
    public static string Describe(string rName) => rName switch
    {
        "breslow" => "Breslow ties",
        "exact" => "exact partial likelihood for tied times",
        _ => "Efron ties",
    };
}
