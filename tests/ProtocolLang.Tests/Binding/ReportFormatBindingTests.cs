using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

/// <summary><c>report ... formats ...</c>: the names bind to formats; Word is written only when asked for.</summary>
public class ReportFormatBindingTests
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

    [Fact]
    public void FormatsDocxBindsToTheWordOutput()
    {
        var study = TestStudies.BindClean(Base + "report \"out\" formats markdown, docx\n}");

        Assert.Equal([ReportFormat.Markdown, ReportFormat.Docx], study.Report.Formats.ToArray());
    }

    [Fact]
    public void AReportWithoutFormatsWritesMarkdownHtmlAndJsonButNotWord()
    {
        var study = TestStudies.BindClean(Base + "report \"out\"\n}");

        Assert.Equal([ReportFormat.Markdown, ReportFormat.Html, ReportFormat.Json], study.Report.Formats.ToArray());
    }

    [Fact]
    public void AMisspeltDocxIsPL2037WithASuggestion()
    {
        var result = TestStudies.Bind(Base + "report \"out\" formats docs\n}");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL2037", diagnostic.Id);
        Assert.Contains("expected markdown, html, json or docx", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Contains("'docx'", diagnostic.Message, System.StringComparison.Ordinal);
    }
}
