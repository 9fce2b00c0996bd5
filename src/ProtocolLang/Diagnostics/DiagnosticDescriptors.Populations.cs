namespace ProtocolLang.Diagnostics;

/// <summary>
/// PL1050-PL1054, PL2180-PL2199: named populations and named group sets. Each is documented in docs/diagnostics.md.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private const string Populations = "Binding";

    public static DiagnosticDescriptor PopulationNameTaken { get; } = Error("PL2180", "Population named like a group or outcome",
        "population '{0}' has the name of {1} declared at line {2}; give the population another name", Populations);

    public static DiagnosticDescriptor GroupSetNameTaken { get; } = Error("PL2181", "Group set named like another name",
        "group set '{0}' has the name of {1}; give the set another name", Populations);

    public static DiagnosticDescriptor EmptyGroupSet { get; } = Error("PL2182", "Empty group set",
        "group set '{0}' has no groups; declare at least one (NAME \"label\": condition)", Populations);
}
