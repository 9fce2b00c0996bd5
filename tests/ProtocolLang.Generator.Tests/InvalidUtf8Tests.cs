using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ProtocolLang.Generator.Tests.TestHelpers;

namespace ProtocolLang.Generator.Tests;

public sealed class InvalidUtf8Tests
{
    [Fact]
    public void AFileRoslynDecodedAsLatin1BecauseItIsNotUtf8GetsALocatedInvalidUtf8Error()
    {
        var bytes = Encoding.UTF8.GetBytes("study S {\n  table t from \"a.csv\" key id {\n    id: text\n  }\n  title \"caf")
            .Concat(new byte[] { 0xE9 })
            .Concat(Encoding.UTF8.GetBytes("\"\n}\n"))
            .ToArray();
        var file = new FallbackDecodedText("/project/latin1.study", Encoding.Latin1.GetString(bytes));

        var result = GeneratorHarness.CreateDriver(file).RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "PL1016");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new LinePosition(4, 12), diagnostic.Location.GetLineSpan().StartLinePosition);
        // A study with errors gets only the stub of its namespace and class, no analysis code.
        var generated = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("which has errors: a stub", generated, System.StringComparison.Ordinal);
    }

    /// <summary>What Roslyn hands a generator for an additional file that failed to decode as UTF-8.</summary>
    private sealed class FallbackDecodedText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.Latin1);
    }
}
