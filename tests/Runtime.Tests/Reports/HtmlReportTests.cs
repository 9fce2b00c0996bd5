using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class HtmlReportTests
{
    private const string Hostile = "<script>alert(1)</script>";

    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    [Fact]
    public void TheHtmlReportIsOneSelfContainedFile()
    {
        string html = ReportWriter.RenderHtml(Small.Value);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", Regex.Replace(html, @"url\(#[a-z0-9_.-]+\)", string.Empty), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        // The subject flow diagram and the four figures of the small cohort's analyses.
        Assert.Equal(5, Regex.Matches(html, "<svg ").Count);
    }

    [Fact]
    public void TheHtmlReportHasTheMarkdownReportsContent()
    {
        StudyResults results = Small.Value;
        string html = ReportWriter.RenderHtml(results);
        string markdown = ReportWriter.RenderMarkdown(results);

        // Every heading of the Markdown report, and every analysis's Method line and warnings.
        foreach (Match heading in Regex.Matches(markdown, "^#+ (?:<a id=\"[a-z0-9_.-]+\"></a>)?(.+)$", RegexOptions.Multiline))
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(heading.Groups[1].Value.Replace("`", string.Empty, StringComparison.Ordinal)), StripTags(html), StringComparison.Ordinal);
        }

        foreach (AnalysisResult analysis in results.Analyses)
        {
            if (analysis.Method is not null)
            {
                Assert.Contains("Method: " + System.Net.WebUtility.HtmlEncode(analysis.Method) + ".", html, StringComparison.Ordinal);
            }

            Assert.All(analysis.Warnings, w => Assert.Contains(System.Net.WebUtility.HtmlEncode(w.Message), html, StringComparison.Ordinal));
        }

        foreach (DataFileResult file in results.DataFiles)
        {
            Assert.Contains("<code>" + file.Sha256 + "</code>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NumericColumnsAreRightAlignedAndTextColumnsLeft()
    {
        string html = ReportWriter.RenderHtml(Small.Value);

        Assert.Contains("<td class=\"left\">Rows read</td><td class=\"right\">", html, StringComparison.Ordinal);
        Assert.Contains("th.right, td.right { text-align: right;", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Analysed</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("**", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\\|", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryStringIsEscapedInHtmlAndInTheFigures()
    {
        string json = ResultsJson.Serialize(Small.Value).Replace("Arm B", Hostile.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
        StudyResults results = ResultsJson.Deserialize(json);
        results = results with { Study = results.Study with { Title = "A & B " + Hostile } };

        string html = ReportWriter.RenderHtml(results);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);

        // The label reaches the SVG legends and axes too; Skia writes it as escaped XML text.
        string svgs = string.Concat(Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(m => m.Value));
        Assert.Contains("&lt;script&gt;", svgs, StringComparison.Ordinal);
    }

    [Fact]
    public void FigureIdsAreUniqueInThePageAndTheSameOnEveryRender()
    {
        string first = ReportWriter.RenderHtml(Small.Value);
        string second = ReportWriter.RenderHtml(Small.Value);

        Assert.Equal(first, second);
        var ids = Regex.Matches(first, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotMatch("cl_[0-9]", first);
        foreach (Match reference in Regex.Matches(first, @"url\(#([^)]+)\)"))
        {
            Assert.Contains(reference.Groups[1].Value, ids);
        }
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void HtmlAndFiguresAreByteIdenticalUnderAnyCurrentCulture(string culture)
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("invariant", ReportFormat.Markdown, ReportFormat.Html));
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            SmallStudy.Run(folder.Options(culture, ReportFormat.Markdown, ReportFormat.Html));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }

        string[] files = Directory.GetFiles(folder.Output("invariant"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder.Output("invariant"), f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(Path.Combine("figures", "km_relapse.svg"), files);
        Assert.Contains(Path.Combine("figures", "km_relapse.png"), files);
        Assert.Contains("report.html", files);
        foreach (string file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Output("invariant"), file)), File.ReadAllBytes(Path.Combine(folder.Output(culture), file)));
        }
    }

    [Fact]
    public void TheMarkdownReportLinksTheFigureFilesItWrites()
    {
        using var folder = new StudyFolder();
        SmallStudy.Run(folder.Options("out", ReportFormat.Markdown));
        string markdown = File.ReadAllText(Path.Combine(folder.Output("out"), "report.md"));

        var links = Regex.Matches(markdown, @"!\[[^\]]*\]\((figures/[a-z0-9_.-]+\.svg)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(5, links.Length);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(folder.Output("out"), link)), link + " is not written"));
        string inline = ReportWriter.RenderHtml(Small.Value);
        Assert.All(links, link => Assert.Contains(
            ProtocolLang.Runtime.Reports.Figures.FigureStyle.Inline(File.ReadAllText(Path.Combine(folder.Output("out"), link))), inline, StringComparison.Ordinal));
        Assert.All(links, link => Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", File.ReadAllText(Path.Combine(folder.Output("out"), link)), StringComparison.Ordinal));
    }

    [Fact]
    public void NumbersAtRiskEqualTheKaplanMeierResults()
    {
        KaplanMeierResult km = Small.Value.Analyses.Select(a => a.KaplanMeier).First(k => k is not null)!;
        string markdown = ReportWriter.RenderMarkdown(Small.Value);

        foreach (KaplanMeierGroup g in km.Groups)
        {
            string row = "| " + g.Label + " | " + g.N + " | " + string.Join(" | ", g.AtTimes.Select(e => e.Estimable ? e.NRisk : 0)) + " |";
            Assert.Contains(row, markdown, StringComparison.Ordinal);
        }
    }

    private static string StripTags(string html) => Regex.Replace(html, "<[^>]+>", string.Empty);
}
