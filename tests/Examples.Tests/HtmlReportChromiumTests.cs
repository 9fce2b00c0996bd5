using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The committed example report opened in headless Chromium (Debian's <c>chromium</c>, which CI
/// installs): it loads without console errors, its DOM holds every figure, and a screenshot of the
/// whole page is not blank and shows the figures' colours. A machine without Chromium fails this
/// test on purpose; set PROTOCOLLANG_CHROMIUM to the browser's path if it is not on PATH.
/// </summary>
public sealed class HtmlReportChromiumTests : IDisposable
{
    // Tall enough for the whole example report at 1200 px wide, so every figure is in the screenshot.
    private const int Width = 1200;
    private const int Height = 16000;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "pl-chromium-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheExampleReportRendersInHeadlessChromium()
    {
        string chromium = FindChromium();
        string report = RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "report.html");
        string url = new Uri(report).AbsoluteUri;
        string screenshot = Path.Combine(_work, "report.png");
        Directory.CreateDirectory(_work);

        (string dom, _) = Run(chromium, "--dump-dom", url);
        Assert.EndsWith("</html>", dom.TrimEnd(), StringComparison.Ordinal);
        int figures = Directory.GetFiles(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "figures"), "*.svg").Length;
        Assert.Equal(figures, Regex.Matches(dom, "<svg ").Count);

        (_, string log) = Run(chromium, "--enable-logging=stderr", "--v=0", "--hide-scrollbars", $"--window-size={Width},{Height}", "--screenshot=" + screenshot, url);
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

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private static string FindChromium()
    {
        string? configured = Environment.GetEnvironmentVariable("PROTOCOLLANG_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"PROTOCOLLANG_CHROMIUM is '{configured}', which does not exist.");
            return configured;
        }

        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(dir, name)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException(
                "Headless Chromium is not installed, so the HTML report cannot be checked. Install it (Debian: apt-get install -y chromium; .ci/run does) "
                + "or set PROTOCOLLANG_CHROMIUM to its path.");
    }

    /// <summary>Runs Chromium headless with a throw-away profile and no network; returns stdout and stderr.</summary>
    private (string Stdout, string Stderr) Run(string chromium, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-extensions", "--user-data-dir=" + Path.Combine(_work, "profile-" + Guid.NewGuid().ToString("N")),
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 60 s.");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}:\n{stderr.Result}");
        return (stdout, stderr.Result);
    }
}
