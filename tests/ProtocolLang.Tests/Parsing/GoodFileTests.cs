using System;
using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

/// <summary>Every <c>TestFiles/good/*.study</c> parses with no diagnostics.</summary>
public class GoodFileTests
{
    public static TheoryData<string> GoodFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ParserTestHelpers.TestFilesDirectory("good"), "*.study").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void GoodFileParsesWithoutDiagnostics(string fileName)
    {
        var path = Path.Combine(ParserTestHelpers.TestFilesDirectory("good"), fileName);
        var result = StudyParser.Parse(new SourceText(fileName, File.ReadAllText(path)));

        Assert.True(result.Diagnostics.IsEmpty, ParserTestHelpers.Describe(result));
        Assert.NotEmpty(result.Study!.Declarations);
    }

    [Fact]
    public void TheAllConstructsFileReachesEveryDeclarationKind()
    {
        var path = Path.Combine(ParserTestHelpers.TestFilesDirectory("good"), "all-constructs.study");
        var declarations = StudyParser.Parse(new SourceText("all-constructs.study", File.ReadAllText(path))).Study!.Declarations;

        var kinds = declarations.Select(d => d.GetType().Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(
            [
                "AnalysisSyntax", "CriterionSyntax", "DeriveSyntax", "GroupsSyntax", "OutcomeSyntax", "ReportSyntax", "TableSyntax",
                "TitleSyntax", "VersionSyntax",
            ],
            kinds);
        var analyses = declarations.OfType<AnalysisSyntax>().ToList();
        Assert.Equal(
            ["compare", "cox", "describe", "kaplan_meier", "logrank", "mixed"],
            analyses.Select(a => a.Kind?.Name ?? a.Verb.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(
            ["BinaryOutcomeSyntax", "CategoricalOutcomeSyntax", "ContinuousOutcomeSyntax", "CountOutcomeSyntax", "RepeatedOutcomeSyntax", "TimeToEventOutcomeSyntax"],
            declarations.OfType<OutcomeSyntax>().Select(o => o.Kind.GetType().Name).Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(
            ["AllPairsPairingSyntax", "TwoGroupsPairingSyntax", "VsEachPairingSyntax", "VsListPairingSyntax"],
            analyses.Select(a => a.Clause(":")?.Value).OfType<PairingValueSyntax>().Select(p => p.Pairing.GetType().Name).Distinct().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains(analyses, a => a.Clause("across") is not null);
    }
}
