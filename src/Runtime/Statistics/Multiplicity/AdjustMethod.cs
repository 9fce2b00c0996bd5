namespace ProtocolLang.Runtime.Statistics;

/// <summary>Multiplicity adjustments of p-values; each names its R <c>p.adjust</c> method.</summary>
public enum AdjustMethod
{
    /// <summary>No adjustment: <c>p.adjust(p, "none")</c>.</summary>
    None,

    /// <summary>Bonferroni (1936): <c>p.adjust(p, "bonferroni")</c>.</summary>
    Bonferroni,

    /// <summary>Holm (1979) step-down: <c>p.adjust(p, "holm")</c>.</summary>
    Holm,

    /// <summary>Hochberg (1988) step-up: <c>p.adjust(p, "hochberg")</c>.</summary>
    Hochberg,

    /// <summary>Benjamini and Hochberg (1995) false discovery rate: <c>p.adjust(p, "BH")</c>.</summary>
    BenjaminiHochberg,
}
