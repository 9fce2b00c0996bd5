using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ProtocolLang.Generator.Model;
using ProtocolLang.Generator.Tests.TestHelpers;
using StudySourceText = ProtocolLang.Text.SourceText;
using StudyTextSpan = ProtocolLang.Text.TextSpan;

namespace ProtocolLang.Generator.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void StudyWithThreeMistakesReportsEachAtItsLineAndColumn()
    {
        var result = GeneratorHarness.Run("/project/bad.study", TestStudies.ThreeMistakes);

        Assert.Null(result.Exception);
        Assert.Contains("a stub of the study's namespace and class", Assert.Single(result.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        foreach (var (position, idPattern, what) in TestStudies.ThreeMistakesExpected)
        {
            Assert.True(
                result.Diagnostics.Any(d =>
                    Regex.IsMatch(d.Id, "^" + idPattern + "$")
                    && d.Severity == DiagnosticSeverity.Error
                    && d.Location.GetLineSpan().Path == "/project/bad.study"
                    && d.Location.GetLineSpan().StartLinePosition == position),
                $"expected an error {idPattern} ({what}) at {position}; got:\n{string.Join("\n", result.Diagnostics)}");
        }
    }

    [Fact]
    public void DiagnosticModelBecomesARoslynDiagnosticInTheStudyFile()
    {
        var model = new DiagnosticModel(
            "PL2003",
            "Unknown column",
            "unknown column 'ck_baseline' in {braces}; did you mean 'ck'?",
            DiagnosticSeverity.Error,
            "Binding",
            new LocationInfo("/p/nxp2.study", new TextSpan(120, 11), new LinePositionSpan(new(11, 4), new(11, 15))));

        var diagnostic = DiagnosticMapper.ToDiagnostic(model);

        Assert.Equal("PL2003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Binding", diagnostic.Descriptor.Category);
        Assert.Equal("unknown column 'ck_baseline' in {braces}; did you mean 'ck'?", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/p/nxp2.study", span.Path);
        Assert.Equal(new LinePosition(11, 4), span.StartLinePosition);
        Assert.Equal(new LinePosition(11, 15), span.EndLinePosition);
        Assert.StartsWith("/p/nxp2.study(12,5): error PL2003: unknown column", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StudyDiagnosticKeepsItsIdSeverityAndSpan()
    {
        var descriptor = new ProtocolLang.Diagnostics.DiagnosticDescriptor(
            "PL5999", "A warning", "value {0} is odd", ProtocolLang.Diagnostics.DiagnosticSeverity.Warning, "Statistics");
        var source = new StudySourceText("/p/x.study", "study X {\n  odd\n}\n");
        var diagnostic = ProtocolLang.Diagnostics.Diagnostic.Create(descriptor, source.GetLocation(new StudyTextSpan(12, 3)), 3);

        var model = DiagnosticMapper.ToModel(diagnostic);

        Assert.Equal("PL5999", model.Id);
        Assert.Equal("A warning", model.Title);
        Assert.Equal("value 3 is odd", model.Message);
        Assert.Equal(DiagnosticSeverity.Warning, model.Severity);
        Assert.Equal("Statistics", model.Category);
        Assert.Equal(new LocationInfo("/p/x.study", new TextSpan(12, 3), new LinePositionSpan(new(1, 2), new(1, 5))), model.Location);
    }

    [Fact]
    public void CompilerExceptionIsReportedAsPL3901InsteadOfFailingTheBuild()
    {
        var model = StudyModelBuilder.Build(
            new StudyInput("/p/x.study", "study X {}"),
            (_, _) => throw new InvalidOperationException("binder bug"),
            CancellationToken.None);

        Assert.Null(model.GeneratedSource);
        var diagnostic = Assert.Single(model.Diagnostics);
        Assert.Equal("PL3901", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("System.InvalidOperationException: binder bug", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(LocationInfo.StartOf("/p/x.study"), diagnostic.Location);
    }

    [Fact]
    public void UnreadableStudyIsReportedAsPL3902()
    {
        var driver = GeneratorHarness.CreateDriver(new InMemoryAdditionalText("/p/gone.study", null));

        var result = driver.RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL3902", diagnostic.Id);
        Assert.Equal("/p/gone.study", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void FilesThatAreNotStudiesAreIgnored()
    {
        var driver = GeneratorHarness.CreateDriver(
            new InMemoryAdditionalText("/p/notes.txt", "frobnicate"),
            new InMemoryAdditionalText("/p/study.json", "{}"));

        var result = driver.RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void CompilerRunsUnderTheInvariantCultureAndTheCallersCultureIsRestored()
    {
        var finnish = CultureInfo.GetCultureInfo("fi-FI");
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo? seen = null;
        CultureInfo? seenUi = null;
        try
        {
            CultureInfo.CurrentCulture = finnish;
            CultureInfo.CurrentUICulture = finnish;

            StudyModelBuilder.Build(
                new StudyInput("/p/x.study", "study X {}"),
                (path, text) =>
                {
                    (seen, seenUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
                    return new StudyCompilation(new StudySourceText(path, text), ImmutableArray<ProtocolLang.Diagnostics.Diagnostic>.Empty, "// code", "X.g.cs");
                },
                CancellationToken.None);

            Assert.Same(CultureInfo.InvariantCulture, seen);
            Assert.Same(CultureInfo.InvariantCulture, seenUi);
            Assert.Same(finnish, CultureInfo.CurrentCulture);
            Assert.Same(finnish, CultureInfo.CurrentUICulture);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("study")]
    [InlineData("}{")]
    [InlineData("\0\0\0")]
    [InlineData("study X { table t from")]
    [InlineData("study X { groups { A \"a\" : ((((((((((")]
    [InlineData("study X { describe age by group")]
    public void MalformedStudyNeverFailsTheGenerator(string text)
    {
        var (output, result) = GeneratorHarness.RunAndCompile("/p/broken.study", text);

        Assert.Null(result.Exception);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("PL", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>
    /// A stack overflow ends the compiler's process, not just the generator: the parser must bound
    /// nesting depth (NOTES.md). If this test takes the test host down, that is the bug.
    /// </summary>
    [Fact]
    public void DeeplyNestedExpressionIsReportedNotOverflowed()
    {
        var text = "study X {\n  groups {\n    A \"a\" : " + new string('(', 20_000) + "1" + new string(')', 20_000) + "\n  }\n}\n";

        var result = GeneratorHarness.Run("/p/deep.study", text);

        Assert.Null(result.Exception);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void TwoStudiesWithTheSameNameReportPL3903OnTheSecond()
    {
        var driver = GeneratorHarness.CreateDriver(
            new InMemoryAdditionalText("/p/a/small.study", TestStudies.Valid("Same")),
            new InMemoryAdditionalText("/p/b/small.study", TestStudies.Valid("Same")));

        var result = driver.RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Single(result.GeneratedSources);
        var duplicate = Assert.Single(result.Diagnostics, d => d.Id == "PL3903");
        Assert.Equal("/p/b/small.study", duplicate.Location.GetLineSpan().Path);
    }
}
