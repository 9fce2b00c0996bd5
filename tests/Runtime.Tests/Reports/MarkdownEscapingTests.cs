using System;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.Plan;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class MarkdownEscapingTests
{
    private static readonly Lazy<StudyResults> Small = new(() =>
    {
        using var folder = new StudyFolder();
        return SmallStudy.Run(folder.Options("out", ReportFormat.Json));
    });

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>")]
    [InlineData("<!-- hidden -->", "&lt;!-- hidden -->")]
    [InlineData("<https://example.org>", "&lt;https://example.org>")]
    [InlineData("&lt;b&gt; &#60;", "&amp;lt;b&amp;gt; &amp;#60;")]
    [InlineData("[click](javascript:alert(1)) ![x](y.png)", "[click]\\(javascript:alert(1)) ![x]\\(y.png)")]
    [InlineData("a `code` b\\", "a \\`code\\` b\\\\")]
    [InlineData("p <0.001, A & B, median [Q1, Q3] (n = 3)", "p <0.001, A & B, median [Q1, Q3] (n = 3)")]
    public void MarkupInPlainTextIsEscapedAndOrdinaryTextKept(string text, string markdown)
    {
        Assert.Equal(markdown, ReportText.ToMarkdown(text, cell: false));
    }

    [Fact]
    public void DataValuesAndStudyStringsNeverReachTheMarkdownReportAsHtml()
    {
        const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        string json = ResultsJson.Serialize(Small.Value).Replace("Arm B", Hostile.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
        StudyResults results = ResultsJson.Deserialize(json);
        results = results with { Study = results.Study with { Title = "A & B " + Hostile } };

        string markdown = ReportWriter.RenderMarkdown(results);

        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("# A & B &lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script>alert(1)&lt;/script>", markdown.Replace("# A & B", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void CodeSpansAreLeftAsTheyAre()
    {
        Assert.Equal("`<b>`", ReportText.ToMarkdown(ReportText.Code("<b>"), cell: false));
    }
}
