using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolLang.Generator.Tests.TestHelpers;

/// <summary>Runs <see cref="StudyGenerator"/> in a <see cref="CSharpGeneratorDriver"/> with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The test host's platform assemblies plus the real ProtocolLang.Runtime.</summary>
    public static IReadOnlyList<MetadataReference> References { get; } = LoadReferences();

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
        References,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999));

    public static GeneratorDriver CreateDriver(params AdditionalText[] studies) => CSharpGeneratorDriver.Create(
        [new StudyGenerator().AsSourceGenerator()],
        studies,
        ParseOptions,
        optionsProvider: null,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on one study over an empty compilation.</summary>
    public static GeneratorRunResult Run(string path, string text) =>
        CreateDriver(new InMemoryAdditionalText(path, text)).RunGenerators(CreateCompilation()).GetRunResult().Results.Single();

    /// <summary>Runs the generator and returns the compilation with the generated code added.</summary>
    public static (Compilation Output, GeneratorRunResult Result) RunAndCompile(string path, string text)
    {
        var driver = CreateDriver(new InMemoryAdditionalText(path, text))
            .RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out _);
        return (output, driver.GetRunResult().Results.Single());
    }

    private static List<MetadataReference> LoadReferences()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var runtime = typeof(ProtocolLang.Runtime.Data.StudySchema).Assembly.Location;
        return platform.Append(runtime)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}
