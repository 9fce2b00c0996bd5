using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// Compiles the generated C# of one study into an assembly image in memory, against the running
/// platform's assemblies (TRUSTED_PLATFORM_ASSEMBLIES) and the tool's own ProtocolLang.Runtime.
/// </summary>
internal static class CSharpAssemblyCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The assembly bytes, or an exception that lists the C# errors (a bug in the emitter, never the user's).</summary>
    public static byte[] Compile(string assemblyName, string hintName, string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: hintName, encoding: Encoding.UTF8);
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Release,
            deterministic: true);
        var compilation = CSharpCompilation.Create(assemblyName, new[] { tree }, References.Value, options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString());
            throw new InvalidOperationException(
                "The generated C# did not compile (please report this as a ProtocolLang bug):\n" + string.Join("\n", errors));
        }

        return image.ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(StudyRun).Assembly.Location);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            // One reference per simple name: the first (the host's) wins, as the loader would choose.
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return byName.Values
            .Where(File.Exists)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
