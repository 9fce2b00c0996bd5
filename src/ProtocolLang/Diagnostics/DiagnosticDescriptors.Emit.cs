namespace ProtocolLang.Diagnostics;

/// <summary>PL3xxx: generating C# (the emitter and the source generator). Each is documented in docs/diagnostics.md.</summary>
public static partial class DiagnosticDescriptors
{
    private const string Generation = "Generation";

    public static DiagnosticDescriptor InternalEmitError { get; } = Error("PL3001", "Internal error while generating code",
        "internal error while generating C# for study '{0}': {1}; please report it with the .study file", Generation);

    /// <summary>The parser, binder or emitter threw inside the generator; the build goes on without this study's code.</summary>
    public static DiagnosticDescriptor CompilerCrashed { get; } = Error("PL3901", "The ProtocolLang compiler failed",
        "the ProtocolLang compiler failed on this file and generated no code: {0}: {1}", Generation);

    public static DiagnosticDescriptor StudyUnreadable { get; } = Error("PL3902", "The .study file could not be read",
        "the .study file could not be read; expected a readable text file", Generation);

    /// <summary>Two studies would generate the same file (and the same C# types).</summary>
    public static DiagnosticDescriptor DuplicateGeneratedFile { get; } = Error("PL3903", "Two studies generate the same file",
        "this study generates '{0}', which '{1}' already generates; give each study in a project a unique name", Generation);
}
