namespace ProtocolLang.Diagnostics;

/// <summary>PL2265–PL2268: <c>model cox ... subgroup</c>. Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    public static DiagnosticDescriptor SubgroupWithoutTreatment { get; } = Error("PL2265", "Cox subgroup analysis without a treatment term",
        "'subgroup' shows the hazard ratio of the model's treatment: its 'group' term or, without one, its first term, which must be a category, bool or group set; {0}", Analyses);

    public static DiagnosticDescriptor SubgroupTreatmentInInteraction { get; } = Error("PL2266", "Cox subgroup treatment in an interaction",
        "the treatment '{0}' is in the interaction '{1}', so it has no one hazard ratio to show per subgroup; remove the interaction ('subgroup' tests the treatment × subgroup interaction itself)", Analyses);

    public static DiagnosticDescriptor SubgroupIsTreatment { get; } = Error("PL2267", "Subgroup variable that is the treatment",
        "'{0}' is the model's treatment; a subgroup is another factor whose levels split the subjects", Analyses);

    public static DiagnosticDescriptor SubgroupRepeated { get; } = Warning("PL2268", "Subgroup variable named twice",
        "'{0}' is named twice in 'subgroup'; it is analysed once", Analyses);
}
