using System.IO;
using System.Linq;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Parsing;

public class ExampleStudyTests
{
    private static ParseResult ParseExample()
    {
        var path = Path.Combine(ParserTestHelpers.RepositoryRoot(), "examples", "Nxp2Jdm", "nxp2_jdm.study");
        return StudyParser.Parse(new SourceText(path, File.ReadAllText(path)));
    }

    [Fact]
    public void TheNxp2ExampleParsesWithoutDiagnostics()
    {
        var result = ParseExample();

        Assert.True(result.Diagnostics.IsEmpty, ParserTestHelpers.Describe(result));
        Assert.Equal("Nxp2Jdm", result.Study!.Name.Name);
    }

    [Fact]
    public void TheNxp2ExampleHasTheExpectedDeclarations()
    {
        var declarations = ParseExample().Study!.Declarations;

        Assert.Single(declarations.OfType<TitleSyntax>());
        Assert.Single(declarations.OfType<VersionSyntax>());
        var tables = declarations.OfType<TableSyntax>().ToList();
        Assert.Equal(["subjects", "visits"], tables.Select(t => t.Name.Name));
        Assert.Equal(13, tables[0].Columns.Length);
        Assert.Single(tables[0].Derived);
        Assert.Equal(6, tables[1].Columns.Length);
        Assert.Single(tables[1].Derived);
        Assert.Equal(2, declarations.OfType<CriterionSyntax>().Count());
        Assert.Equal(4, Assert.Single(declarations.OfType<GroupsSyntax>()).Groups.Length);
        Assert.Equal(7, declarations.OfType<OutcomeSyntax>().Count());
        var analyses = declarations.OfType<AnalysisSyntax>().ToList();
        Assert.Equal(2, analyses.Count(a => a.Verb.Name == "describe"));
        Assert.Equal(4, analyses.Count(a => a.Verb.Name == "compare"));
        Assert.Equal(3, analyses.Count(a => a.Kind?.Name == "mixed"));
        Assert.Single(analyses, a => a.Kind?.Name == "kaplan_meier");
        Assert.Single(analyses, a => a.Kind?.Name == "logrank");
        Assert.Single(analyses, a => a.Kind?.Name == "cox");
        Assert.Single(declarations.OfType<ReportSyntax>());
        Assert.Equal(27, declarations.Length);
    }

    [Fact]
    public void TheStudySpanCoversTheWholeStudyBlock()
    {
        var result = ParseExample();
        var text = result.Source.Text;
        var span = result.Study!.Span;

        Assert.StartsWith("study Nxp2Jdm {", text.Substring(span.Start), System.StringComparison.Ordinal);
        Assert.Equal(text.TrimEnd().Length, span.End);
    }
}
