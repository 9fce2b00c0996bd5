using ProtocolLang.Emit;

namespace ProtocolLang.Generator.Model;

/// <summary>
/// Everything the generator produces for one <c>.study</c> file. Immutable and equal by value
/// (no <c>ISymbol</c>, no <c>Compilation</c>), so an unchanged study is never regenerated.
/// </summary>
/// <param name="FilePath">The path of the <c>.study</c> file.</param>
/// <param name="HintName">The file name for <c>AddSource</c>, from the study name.</param>
/// <param name="GeneratedSource">The C#; null when the study has errors.</param>
/// <param name="Diagnostics">Every diagnostic of every phase that ran, in source order.</param>
/// <param name="Stub">When the study has errors but its header parsed: what its stub is made of (<see cref="StudyStubEmitter"/>).</param>
internal sealed record StudyModel(
    string FilePath,
    string HintName,
    string? GeneratedSource,
    EquatableArray<DiagnosticModel> Diagnostics,
    StudyStub? Stub = null)
{
    /// <summary>The part of the model that feeds the source output; null when nothing is generated.</summary>
    public StudySourceModel? Source =>
        GeneratedSource is not null || Stub is not null ? new StudySourceModel(FilePath, HintName, GeneratedSource, Stub) : null;
}
