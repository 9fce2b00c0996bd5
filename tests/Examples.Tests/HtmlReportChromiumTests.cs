using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The committed example report opened in headless Chromium (Debian's <c>chromium</c>, which CI
/// installs): it loads without console errors, its DOM holds every figure, and a screenshot of the
/// whole page is not blank and shows the figures' colours (see <see cref="HeadlessChromium"/> for
/// a machine without Chromium). The layout at 1280 px is checked by <see cref="HtmlReportLayoutTests"/>.
/// </summary>
public sealed class HtmlReportChromiumTests : IDisposable
{
    // Tall enough for the whole example report at 1280 px wide (about 14600 px), so every figure is in the screenshot.
    private const int Width = 1280;
    private const int Height = 16000;

    private readonly HeadlessChromium _chromium = new();

    [Fact]
    public void TheExampleReportRendersInHeadlessChromium()
    {
        string report = RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "report.html");
        string url = new Uri(report).AbsoluteUri;
        string screenshot = Path.Combine(_chromium.Work, "report.png");

        (string dom, _) = _chromium.Run("--dump-dom", url);
        Assert.EndsWith("</html>", dom.TrimEnd(), StringComparison.Ordinal);
        int figures = Directory.GetFiles(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "figures"), "*.svg").Length;
        Assert.Equal(figures, Regex.Matches(dom, "<svg ").Count);

        (_, string log) = _chromium.Run("--enable-logging=stderr", "--v=0", "--hide-scrollbars", $"--window-size={Width},{Height}", "--screenshot=" + screenshot, url);
        var console = log.Split('\n').Where(l => l.Contains(":CONSOLE(", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)
            || l.Contains("Failed to load resource", StringComparison.Ordinal) || l.Contains("net::ERR_", StringComparison.Ordinal)).ToArray();
        Assert.True(console.Length == 0, "Chromium reported page errors:\n" + string.Join("\n", console));
        Assert.True(File.Exists(screenshot), "Chromium wrote no screenshot:\n" + log);

        using SKBitmap bitmap = SKBitmap.Decode(screenshot) ?? throw new InvalidOperationException("the screenshot is not a PNG");
        Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
        SKColor[] pixels = bitmap.Pixels;

        // The group colours of the figures (Okabe-Ito blue, vermillion, bluish green, reddish purple).
        SKColor[] palette = [new(0x00, 0x72, 0xB2), new(0xD5, 0x5E, 0x00), new(0x00, 0x9E, 0x73), new(0xCC, 0x79, 0xA7)];
        var near = new int[palette.Length];
        var distinct = new HashSet<uint>();
        int inked = 0;
        foreach (SKColor p in pixels)
        {
            distinct.Add((uint)p);
            if (p.Red < 200 || p.Green < 200 || p.Blue < 200)
            {
                inked++;
                for (int c = 0; c < palette.Length; c++)
                {
                    if (Math.Abs(p.Red - palette[c].Red) + Math.Abs(p.Green - palette[c].Green) + Math.Abs(p.Blue - palette[c].Blue) < 24)
                    {
                        near[c]++;
                    }
                }
            }
        }

        Assert.True(inked > pixels.Length / 100, $"the page looks blank: {inked} of {pixels.Length} pixels are not near-white");
        Assert.True(distinct.Count >= 100, $"the page has only {distinct.Count} distinct colours");
        for (int c = 0; c < palette.Length; c++)
        {
            Assert.True(near[c] > 200, $"colour {palette[c]} of the figures is (nearly) absent: {near[c]} pixels");
        }
    }

    public void Dispose() => _chromium.Dispose();
}
