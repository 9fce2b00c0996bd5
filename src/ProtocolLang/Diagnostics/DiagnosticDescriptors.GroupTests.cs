namespace ProtocolLang.Diagnostics;

/// <summary>PL2230-PL2239: the group tests of <c>compare</c> (Bartlett, Levene, Tukey HSD). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string GroupTests = "Binding";

    public static DiagnosticDescriptor TukeyNeedsAllPairs { get; } = Error("PL2230", "Tukey HSD needs all pairs",
        "tukey compares every pair of groups from one analysis of variance (R's TukeyHSD(aov(y ~ group))); write 'across groups' or ': all pairs', not a chosen pairing", GroupTests);

    public static DiagnosticDescriptor TukeyWithAdjust { get; } = Error("PL2231", "Tukey HSD with an adjustment",
        "tukey adjusts its p-values and intervals for all pairs itself (the studentized range); remove 'adjust {0}'", GroupTests);
}
