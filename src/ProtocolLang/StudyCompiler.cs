using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Text;

namespace ProtocolLang;

/// <summary>The facade used by the generator and the command-line tool: Parse → Bind → Emit.</summary>
public static class StudyCompiler
{
    /// <summary>
    /// Compiles one <c>.study</c> text. <see cref="StudyCompilation.GeneratedSource"/> is null when
    /// there are errors (then <see cref="StudyCompilation.Stub"/> says what a stub is made of, when the
    /// study's header parsed); diagnostics of every phase that ran are returned in source order.
    /// </summary>
    public static StudyCompilation Compile(string path, string text)
    {
        var source = new SourceText(path, text);
        var parsed = Syntax.StudyParser.Parse(source);
        if (parsed.Study is null)
        {
            return new StudyCompilation(source, parsed.Diagnostics, null, HintName(path, null));
        }

        var bound = Binding.Binder.Bind(source, parsed.Study);
        var diagnostics = parsed.Diagnostics.AddRange(bound.Diagnostics);
        var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var ordered = Order(diagnostics);
        var generated = hasErrors || bound.Study is null ? null : Emit.CSharpEmitter.Emit(bound.Study, ordered);
        var stub = generated is null ? new Emit.StudyStub(parsed.Study.Name.Name, FileName(path)) : null;
        return new StudyCompilation(source, ordered, generated, HintName(path, parsed.Study.Name.Name), stub);
    }

    private static ImmutableArray<Diagnostic> Order(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Location.Span.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal).ToImmutableArray();

    private static string FileName(string path) => path.Substring(path.LastIndexOfAny(['/', '\\']) + 1);

    /// <summary>A file name for AddSource: the study name (or file name) made safe, plus <c>.g.cs</c>.</summary>
    private static string HintName(string path, string? studyName)
    {
        var name = studyName ?? System.IO.Path.GetFileNameWithoutExtension(path);
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        // Capped like a declared name (PL2080): a study with a too-long name still gets its stub, and the
        // hint name becomes a file name when the project emits generated files (255 bytes at most).
        if (safe.Length > Binding.Binder.MaxNameLength)
        {
            safe = safe.Substring(0, Binding.Binder.MaxNameLength);
        }

        return (safe.Length == 0 ? "Study" : safe) + ".g.cs";
    }
}

/// <summary>The outcome of compiling one <c>.study</c> file.</summary>
/// <param name="Stub">When the study has errors but its header parsed: what the generator's stub of it is made of (<see cref="Emit.StudyStubEmitter"/>).</param>
public sealed record StudyCompilation(
    SourceText Source,
    ImmutableArray<Diagnostic> Diagnostics,
    string? GeneratedSource,
    string HintName,
    Emit.StudyStub? Stub = null)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
