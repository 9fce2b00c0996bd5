using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The committed example reports laid out by headless Chromium at 1280 px, a laptop's width: the page never scrolls
/// sideways, no table is clipped, no table cell wraps a number, every figure is drawn inside the page, and the
/// subject flow diagram is the first thing after the title. Measured by <see cref="ReportLayoutProbe"/> in a copy of
/// the report.
/// </summary>
public sealed class HtmlReportLayoutTests : IDisposable
{
    private const int Width = 1280;

    private readonly HeadlessChromium _chromium = new();

    [Theory]
    [InlineData("Nxp2Jdm")]
    [InlineData("RandomisedTrial")]
    public void AtA1280PixelWidthNothingIsClippedNoNumberWrapsAndTheFlowDiagramComesFirst(string example)
    {
        string html = File.ReadAllText(RepositoryPaths.Combine("examples", example, "report", "report.html"));
        int figureFiles = Directory.GetFiles(RepositoryPaths.Combine("examples", example, "report", "figures"), "*.svg").Length;

        JsonElement layout = Measure(html);

        Assert.Equal(Width, layout.GetProperty("viewport").GetInt32());
        Assert.True(layout.GetProperty("page").GetInt32() <= Width, $"the page scrolls sideways: {layout.GetProperty("page").GetInt32()} px wide");
        Assert.Empty(Strings(layout, "clipped"));
        Assert.Empty(Strings(layout, "wrapped"));
        JsonElement[] figures = layout.GetProperty("figures").EnumerateArray().ToArray();
        Assert.Equal(figureFiles, figures.Length);
        Assert.All(figures, f =>
        {
            Assert.True(f.GetProperty("width").GetInt32() > 100 && f.GetProperty("height").GetInt32() > 100, $"{f.GetProperty("id")} is not drawn: {f}");
            Assert.True(f.GetProperty("inside").GetBoolean(), $"{f.GetProperty("id")} reaches beyond the page: {f}");
        });
        Assert.Equal("figure-subject-flow", layout.GetProperty("first").GetString());
    }

    [Fact]
    public void TheLayoutCheckFindsAClippedTableAWrappedNumberAndAFigureBeyondThePage()
    {
        // A page built to fail every check, so the test above can fail too.
        const string Page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <h1>Bad</h1>
            <div class="table-wrap" style="overflow-x: auto"><table style="width: 2000px"><tr><td>wide</td></tr></table></div>
            <table><tr><td style="width: 30px"><span class="nw" style="white-space: normal">1234 (5678 to 9012)</span></td>
            <td style="width: 10px; word-break: break-all">1234567890123</td></tr></table>
            <figure id="figure-wide"><svg width="3000" height="200"></svg></figure>
            <div style="width: 3000px">wide</div>
            </body></html>
            """;

        JsonElement layout = Measure(Page);

        Assert.True(layout.GetProperty("page").GetInt32() > Width);
        Assert.Single(Strings(layout, "clipped"));
        Assert.Equal(["1234 (5678 to 9012)", "1234567890123"], Strings(layout, "wrapped"));
        Assert.False(layout.GetProperty("figures")[0].GetProperty("inside").GetBoolean());
        Assert.Equal("table", layout.GetProperty("first").GetString());
    }

    public void Dispose() => _chromium.Dispose();

    /// <summary>The probe's findings for <paramref name="html"/> laid out 1280 px wide.</summary>
    private JsonElement Measure(string html)
    {
        Assert.Contains("</body>", html, StringComparison.Ordinal);
        string page = Path.Combine(_chromium.Work, "page.html");
        File.WriteAllText(page, html.Replace("</body>", "<script>" + ReportLayoutProbe.Script + "</script>\n</body>", StringComparison.Ordinal));

        (string dom, string log) = _chromium.Run("--hide-scrollbars", $"--window-size={Width},900", "--dump-dom", new Uri(page).AbsoluteUri);
        Match result = Regex.Match(dom, $"<pre id=\"{ReportLayoutProbe.ResultId}\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(result.Success, "the layout probe did not run:\n" + log);
        return JsonDocument.Parse(WebUtility.HtmlDecode(result.Groups[1].Value)).RootElement.Clone();
    }

    private static string[] Strings(JsonElement layout, string name) =>
        layout.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
}
