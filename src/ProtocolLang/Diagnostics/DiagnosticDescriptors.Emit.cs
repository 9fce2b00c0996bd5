namespace ProtocolLang.Diagnostics;

/// <summary>PL3xxx: generating C# (the emitter and the source generator). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string Generation = "Generation";

    public static DiagnosticDescriptor InternalEmitError { get; } = Error("PL3001", "Internal error while generating code",
        "internal error while generating C# for study '{0}': {1}; please report it with the .study file", Generation);
}
