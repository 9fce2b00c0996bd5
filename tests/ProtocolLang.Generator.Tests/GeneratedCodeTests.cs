using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolLang.Generator.Tests.TestHelpers;

namespace ProtocolLang.Generator.Tests;

public sealed class GeneratedCodeTests
{
    private static readonly string Nxp2JdmPath = RepoPaths.Combine("examples", "Nxp2Jdm", "nxp2_jdm.study");

    [Fact]
    public void Nxp2JdmGeneratedCodeCompilesWithNullableEnabledAndNoWarnings()
    {
        var (output, result) = GeneratorHarness.RunAndCompile(Nxp2JdmPath, File.ReadAllText(Nxp2JdmPath));

        AssertGeneratedWithoutDiagnostics(result);
        AssertCompilesWithoutWarnings(output);
    }

    [Fact]
    public void Nxp2JdmGeneratedCodeMatchesGolden()
    {
        var result = GeneratorHarness.Run(Nxp2JdmPath, File.ReadAllText(Nxp2JdmPath));

        AssertGeneratedWithoutDiagnostics(result);
        var source = Assert.Single(result.GeneratedSources);
        Assert.Equal("Nxp2Jdm.g.cs", source.HintName);
        Golden.AssertMatches("Nxp2Jdm.g.cs", source.SourceText.ToString());
    }

    [Fact]
    public void GeneratedCodeDoesNotDependOnTheBuildMachinesCulture()
    {
        var text = File.ReadAllText(Nxp2JdmPath);
        var invariant = GeneratorHarness.Run(Nxp2JdmPath, text);
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        GeneratorRunResult finnish;
        try
        {
            // fi-FI formats -1.5 as "−1,5" (U+2212, comma).
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fi-FI");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi-FI");
            finnish = GeneratorHarness.Run(Nxp2JdmPath, text);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }

        AssertGeneratedWithoutDiagnostics(invariant);
        Assert.Equal(
            Assert.Single(invariant.GeneratedSources).SourceText.ToString(),
            Assert.Single(finnish.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void LabelsThatLookLikeCodeStayStringLiterals()
    {
        var (output, result) = GeneratorHarness.RunAndCompile("/p/inject.study", TestStudies.LabelInjection);

        AssertGeneratedWithoutDiagnostics(result);
        AssertCompilesWithoutWarnings(output);
        var tree = Assert.Single(result.GeneratedSources).SyntaxTree;
        var root = tree.GetRoot();
        var literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(literal => literal.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(literal => literal.Token.ValueText)
            .ToList();
        Assert.True(
            literals.Count(value => value == TestStudies.InjectedLabel) >= 2,
            "both the column label and the group label must be string literals holding the label verbatim");
        Assert.DoesNotContain(
            root.DescendantNodes().OfType<MemberAccessExpressionSyntax>(),
            access => access.Name.Identifier.ValueText == "Exit");
    }

    internal static void AssertGeneratedWithoutDiagnostics(GeneratorRunResult result)
    {
        Assert.Null(result.Exception);
        Assert.True(result.Diagnostics.IsEmpty, "generator diagnostics:\n" + string.Join("\n", result.Diagnostics));
        Assert.Single(result.GeneratedSources);
    }

    internal static void AssertCompilesWithoutWarnings(Compilation compilation)
    {
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        Assert.True(problems.Count == 0, "the generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(30)));
    }
}
