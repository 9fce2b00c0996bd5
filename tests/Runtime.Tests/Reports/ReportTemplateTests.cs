using System;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

/// <summary>A study's own template (<c>template "x.md.scriban"</c> / <c>"x.html.scriban"</c>) replaces the built-in one.</summary>
public sealed class ReportTemplateTests
{
    [Fact]
    public void AMarkdownTemplateReplacesTheBuiltInMarkdownReport()
    {
        using var folder = new StudyFolder();
        File.WriteAllText(Path.Combine(folder.Directory, "brief.md.scriban"),
            "# {{ title }}\n{{ for s in analyses }}- {{ s.heading }}\n{{ end }}Figures: {{ figures.size }}\n{{ data_files.rows[0][0] }}\n");

        SmallStudy.Run(folder.Options("out", ReportFormat.Markdown, ReportFormat.Html), "brief.md.scriban");

        string markdown = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));
        Assert.StartsWith("# A small cohort for runtime tests\n- Table 1. Descriptive table by group\n- 2. Comparison of Age\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Figures: 5\n`subjects`\n", markdown, StringComparison.Ordinal);

        // The HTML report keeps its built-in template.
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder.Output("out"), "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void AnHtmlTemplateGetsTheViewWithHtmlEscapedStrings()
    {
        using var folder = new StudyFolder();
        File.WriteAllText(Path.Combine(folder.Directory, "mine.html.scriban"),
            "<h1>{{ title }}</h1>\n{{ for f in figures }}{{ f.svg }}{{ end }}\n<p>{{ flows[0].steps.rows[-1][0] }}</p>\n");

        SmallStudy.Run(folder.Options("out", ReportFormat.Markdown, ReportFormat.Html), "mine.html.scriban");

        string html = File.ReadAllText(Path.Combine(folder.Output("out"), "report.html"));
        Assert.StartsWith("<h1>A small cohort for runtime tests</h1>\n<svg ", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>Analysed</strong></p>", html, StringComparison.Ordinal);
        Assert.StartsWith("# A small cohort", File.ReadAllText(Path.Combine(folder.Output("out"), "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTemplateIsAnErrorNamingTheFile()
    {
        using var folder = new StudyFolder();

        var e = Assert.Throws<ReportTemplateException>(() => SmallStudy.Run(folder.Options("out", ReportFormat.Markdown), "templates/none.md.scriban"));

        Assert.Equal("PL5040", e.Code);
        Assert.StartsWith("templates/none.md.scriban: error PL5040: the report template 'templates/none.md.scriban' does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Output("out")), "nothing is written when the template is missing");
    }

    [Fact]
    public void ASyntaxErrorNamesTheFileLineAndColumn()
    {
        using var folder = new StudyFolder();
        File.WriteAllText(Path.Combine(folder.Directory, "bad.md.scriban"), "# {{ title }}\n\nok\n  {{ for s in analyses }}\n");

        var e = Assert.Throws<ReportTemplateException>(() => SmallStudy.Run(folder.Options("out", ReportFormat.Markdown), "bad.md.scriban"));

        Assert.Equal("PL5041", e.Code);
        Assert.Equal("bad.md.scriban", e.File);
        Assert.Equal(4, e.Line);
        Assert.StartsWith("bad.md.scriban(4,", e.Message, StringComparison.Ordinal);
        Assert.Contains("error PL5041: the report template does not parse: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNameInATemplateIsAnErrorWithItsPosition()
    {
        using var folder = new StudyFolder();
        File.WriteAllText(Path.Combine(folder.Directory, "typo.md.scriban"), "# {{ title }}\n{{ titel }}\n");

        var e = Assert.Throws<ReportTemplateException>(() => SmallStudy.Run(folder.Options("out", ReportFormat.Markdown), "typo.md.scriban"));

        Assert.Equal("PL5042", e.Code);
        Assert.StartsWith("typo.md.scriban(2,4): error PL5042: the report template fails: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("titel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDiagnosticsPageDocumentsExactlyTheReportTemplateCodes()
    {
        string[] codes = typeof(ReportTemplateException).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToArray();
        string page = File.ReadAllText(FindUp("docs/diagnostics.md"));
        string section = page[page.IndexOf("## Reports (PL504x)", StringComparison.Ordinal)..];
        section = section.Contains("\n## ", StringComparison.Ordinal) ? section[..section.IndexOf("\n## ", StringComparison.Ordinal)] : section;

        var documented = System.Text.RegularExpressions.Regex.Matches(section, @"^\| (PL\d{4}) \| Error \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value);

        Assert.Equal(new[] { "PL5040", "PL5041", "PL5042" }, codes);
        Assert.Equal(codes, documented);
    }

    private static string FindUp(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relativePath);
    }
}
