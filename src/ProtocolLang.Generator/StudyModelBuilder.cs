using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using ProtocolLang.Generator.Model;

namespace ProtocolLang.Generator;

/// <summary>
/// Runs the ProtocolLang compiler (parse → bind → emit) on one study and captures the outcome as
/// an equatable <see cref="StudyModel"/>. Never throws for a bad study or a compiler bug: an
/// exception becomes diagnostic PL3901, so the build reports it instead of dropping the generator.
/// </summary>
internal static class StudyModelBuilder
{
    public static StudyModel Build(StudyInput input, CancellationToken cancellationToken) =>
        Build(input, StudyCompiler.Compile, cancellationToken);

    /// <param name="compile">The compiler; tests pass one that fails.</param>
    internal static StudyModel Build(StudyInput input, Func<string, string, StudyCompilation> compile, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (input.Text is null)
        {
            return Failed(input.Path, GeneratorDiagnostics.StudyUnreadable(input.Path));
        }

        // Generated code and messages must not depend on the culture of the machine that builds
        // (a Finnish locale writes U+2212 for minus): run the compiler under the invariant culture.
        // RS1035 bans the culture properties so analyzers do not format culture-dependent text; here
        // they are set (and restored) for the opposite reason: to make ProtocolLang's own formatting
        // culture-independent even where a call forgot an explicit CultureInfo.InvariantCulture.
#pragma warning disable RS1035
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var compilation = compile(input.Path, input.Text);
            var diagnostics = compilation.Diagnostics.Select(DiagnosticMapper.ToModel).ToEquatableArray();
            return new StudyModel(input.Path, compilation.HintName, compilation.GeneratedSource, diagnostics, compilation.Stub);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return Failed(input.Path, GeneratorDiagnostics.CompilerCrashed(input.Path, exception));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
#pragma warning restore RS1035
    }

    private static StudyModel Failed(string path, DiagnosticModel diagnostic) =>
        new(path, string.Empty, null, new[] { diagnostic }.ToEquatableArray());
}
