using System.Linq;

namespace ProtocolLang.Tests.Binding;

/// <summary><c>report ... template "x.md.scriban"</c>: the extension says which report the template replaces.</summary>
public class ReportTemplateBindingTests
{
    private const string Base = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            antibody: category(NXP2, MDA5)
          }
          groups {
            NXP2 "NXP2+": antibody == NXP2
            MDA5 "MDA5+": antibody == MDA5
          }

        """;

    [Theory]
    [InlineData("templates/brief.md.scriban")]
    [InlineData("paper.HTML.scriban")]
    public void ARelativeScribanTemplateBinds(string template)
    {
        var study = TestStudies.BindClean(Base + $"report \"out\" formats markdown, html template \"{template}\"\n}}");

        Assert.Equal(template, study.Report.Template);
    }

    [Theory]
    [InlineData("brief.scriban")]
    [InlineData("brief.md")]
    [InlineData("/abs/brief.md.scriban")]
    [InlineData("C:/abs/brief.md.scriban")]
    public void AnythingElseIsPL2085(string template)
    {
        var result = TestStudies.Bind(Base + $"report \"out\" formats markdown template \"{template}\"\n}}");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL2085", diagnostic.Id);
        Assert.Contains($"'{template}'", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Equal("10,40", diagnostic.Location.LineSpan.Start.ToDisplayString());
    }

    [Fact]
    public void AnHtmlTemplateWithoutTheHtmlFormatIsPL2086()
    {
        var result = TestStudies.Bind(Base + "report \"out\" formats markdown, json template \"paper.html.scriban\"\n}");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("PL2086", ProtocolLang.Diagnostics.DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal("the template 'paper.html.scriban' replaces the HTML report, which this study's formats do not include; it is not used", diagnostic.Message);
    }
}

public class ReportTemplateEmitTests
{
    [Fact]
    public void TheTemplateIsPassedToTheRunAndTheCodeCompiles()
    {
        string study = TestStudies.ReadExample().Replace(
            "formats markdown, html, json, docx", "formats markdown, html, json, docx template \"paper/my \\\"own\\\".html.scriban\"", System.StringComparison.Ordinal);

        string code = ProtocolLang.Emit.CSharpEmitter.Emit(TestStudies.BindClean(study, "nxp2_jdm.study"));

        Assert.Contains("ReportFormat.Docx }, \"report\", AnalysisPlan, \"paper/my \\\"own\\\".html.scriban\");", code, System.StringComparison.Ordinal);
        Assert.Empty(ProtocolLang.Tests.Emit.GeneratedCodeCompiler.Problems(code));
    }
}
