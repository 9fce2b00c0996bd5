using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ProtocolLang.Generator.Model;

namespace ProtocolLang.Generator;

/// <summary>
/// Compiles every <c>.study</c> additional file into C#. The pipeline only: the work is in
/// <see cref="StudyModelBuilder"/> (through <see cref="StudyCompiler"/>) and <see cref="DiagnosticMapper"/>.
/// Source and diagnostics are separate outputs, so an edit that changes only diagnostics
/// (text moved in a study with errors) does not touch the generated source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StudyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".study", StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.StudyFiles)
            // Roslyn decodes a file that is not UTF-8 as Windows-1252; Redecode makes its bad bytes U+FFFD again (PL1016, see Utf8Text).
            .Select(static (file, cancellationToken) => new StudyInput(
                file.Path,
                file.GetText(cancellationToken) is { } text ? ProtocolLang.Text.Utf8Text.Redecode(text.ToString(), text.Encoding) : null))
            .WithTrackingName(TrackingNames.StudyText)
            .Select(static (input, cancellationToken) => StudyModelBuilder.Build(input, cancellationToken))
            .WithTrackingName(TrackingNames.BuildModel);

        var referencesRuntime = context.CompilationProvider
            .Select(static (compilation, _) => ReferencesRuntime(compilation))
            .WithTrackingName(TrackingNames.ReferencesRuntime);
        var sources = models
            .Select(static (model, _) => model.Source)
            .WithTrackingName(TrackingNames.Source)
            .Collect()
            .Combine(referencesRuntime)
            .WithTrackingName(TrackingNames.AllSources);
        context.RegisterSourceOutput(sources, static (context, sources) => AddSources(context, sources.Left, sources.Right));

        var diagnostics = models
            .Select(static (model, _) => model.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (context, diagnostics) => Report(context, diagnostics));
    }

    private static bool ReferencesRuntime(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name == "ProtocolLang.Runtime")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds each study's code (a stub for a study with errors). Two studies with the same name would
    /// make <c>AddSource</c> throw (and clash as C# types): the second is reported (PL3903) and not added.
    /// </summary>
    private static void AddSources(SourceProductionContext context, ImmutableArray<StudySourceModel?> sources, bool referencesRuntime)
    {
        var added = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (source is null)
            {
                continue;
            }

            if (added.TryGetValue(source.HintName, out var firstPath))
            {
                var duplicate = GeneratorDiagnostics.DuplicateGeneratedFile(source.FilePath, source.HintName, firstPath);
                context.ReportDiagnostic(DiagnosticMapper.ToDiagnostic(duplicate));
                continue;
            }

            added.Add(source.HintName, source.FilePath);
            context.AddSource(source.HintName, SourceText.From(source.Render(referencesRuntime), Encoding.UTF8));
        }
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticModel> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(DiagnosticMapper.ToDiagnostic(diagnostic));
        }
    }
}
