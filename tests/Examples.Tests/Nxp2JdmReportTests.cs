using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Studies.Nxp2Jdm;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The example's report and results are committed so that a change that moves a number shows up
/// in review as a diff. These tests rerun the study and fail when the committed files are stale.
/// </summary>
public sealed class Nxp2JdmReportTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-nxp2-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("report.md")]
    [InlineData("report.html")]
    [InlineData("report.docx")]
    [InlineData("results.json")]
    [InlineData("figures/box-ck.svg")]
    [InlineData("figures/box-cmas.svg")]
    [InlineData("figures/trajectory-ckcourse.svg")]
    [InlineData("figures/trajectory-cmascourse.svg")]
    [InlineData("figures/trajectory-cytokinecourse.svg")]
    [InlineData("figures/kaplan_meier_relapse.svg")]
    public void CommittedReportMatchesAFreshRunOfTheStudy(string file)
    {
        Run(_output);

        var committed = RepositoryPaths.Combine(["examples", "Nxp2Jdm", "report", .. file.Split('/')]);
        Assert.True(File.Exists(committed), $"{committed} is missing: run `dotnet run --project examples/Nxp2Jdm` and commit it.");
        // Bytes, not text: report.docx is a zip, and decoding it as UTF-8 would make unlike bytes equal.
        Assert.True(
            File.ReadAllBytes(committed).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_output, file))),
            $"{committed} is stale: run `dotnet run --project examples/Nxp2Jdm` and commit the new report.");
    }

    [Fact]
    public void EveryCommittedPngIsTheSameBytesAsAFreshRunsAt300Dpi()
    {
        Run(_output);

        string committedDir = RepositoryPaths.Combine("examples", "Nxp2Jdm", "report", "figures");
        string[] pngs = Directory.GetFiles(committedDir, "*.png").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        // Every figure has its PNG, the subject flow diagram too.
        string[] svgs = Directory.GetFiles(committedDir, "*.svg").Select(f => Path.ChangeExtension(Path.GetFileName(f), ".png"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("subject-flow.png", svgs);
        Assert.Equal(svgs, pngs);
        foreach (string png in pngs)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(committedDir, png));
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_output, "figures", png))),
                $"figures/{png} is stale: run `dotnet run --project examples/Nxp2Jdm` and commit the new report.");

            // The SVG's width at 300 dpi (IHDR's width, big-endian, at byte 16): a 720 px plot is 2250 px wide.
            string svg = File.ReadAllText(Path.Combine(committedDir, Path.ChangeExtension(png, ".svg")));
            int svgWidth = int.Parse(System.Text.RegularExpressions.Regex.Match(svg, "<svg[^>]* width=\"([0-9]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((uint)Math.Round(svgWidth * 300 / 96.0, MidpointRounding.AwayFromZero), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)));
        }
    }

    [Fact]
    public void AFreshRunWritesExactlyTheCommittedFiles()
    {
        Run(_output);

        var committedDir = RepositoryPaths.Combine("examples", "Nxp2Jdm", "report");
        string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Files(committedDir), Files(_output));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fi-FI")]
    public void ReportIsByteIdenticalUnderAnyCurrentCulture(string culture)
    {
        var invariantDir = Path.Combine(_output, "invariant");
        var cultureDir = Path.Combine(_output, culture);
        Run(invariantDir);

        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Run(cultureDir);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        var written = Directory.GetFiles(invariantDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(invariantDir, f)).ToArray();
        Assert.Contains("report.html", written);
        Assert.Contains("report.docx", written);
        Assert.Contains(Path.Combine("figures", "kaplan_meier_relapse.svg"), written);
        foreach (var file in written)
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(invariantDir, file)),
                File.ReadAllBytes(Path.Combine(cultureDir, file)));
        }
    }

    [Fact]
    public void TheCommittedFiguresAreExactlyTheOnesARunWrites()
    {
        Run(_output);

        string[] Svgs(string dir) => Directory.GetFiles(Path.Combine(dir, "figures"), "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(Svgs(_output), Svgs(RepositoryPaths.Combine("examples", "Nxp2Jdm", "report")));
    }

    [Fact]
    public void TwoRunsWriteTheSameBytes()
    {
        Run(Path.Combine(_output, "first"));
        Run(Path.Combine(_output, "second"));

        foreach (var file in Directory.GetFiles(Path.Combine(_output, "first"), "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(file.Replace(Path.Combine(_output, "first"), Path.Combine(_output, "second"), StringComparison.Ordinal)));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static void Run(string outputDirectory) =>
        Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = RepositoryPaths.Combine("examples", "Nxp2Jdm"),
            OutputDirectory = outputDirectory,
        });
}
