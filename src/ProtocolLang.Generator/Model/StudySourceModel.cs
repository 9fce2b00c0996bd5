using ProtocolLang.Emit;

namespace ProtocolLang.Generator.Model;

/// <summary>
/// The C# generated for one <c>.study</c> file, with the file it came from: the full code, or for a
/// study with errors the <see cref="StudyStub"/> its stub is written from.
/// </summary>
internal sealed record StudySourceModel(string FilePath, string HintName, string? Text, StudyStub? Stub)
{
    /// <param name="referencesRuntime">Whether the project references ProtocolLang.Runtime (a stub then declares the members of runtime types too).</param>
    public string Render(bool referencesRuntime) =>
        Text ?? StudyStubEmitter.Emit(Stub ?? throw new System.InvalidOperationException("a source model with neither code nor stub"), referencesRuntime);
}
