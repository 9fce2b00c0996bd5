using System;
using System.IO;
using System.Linq;
using System.Threading;
using ProtocolLang.Runtime.IO;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Reports;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Tests.IO;

namespace ProtocolLang.Runtime.Tests.Reports;

public sealed class ReportFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "protocollang-report-folder-" + Guid.NewGuid().ToString("N"));

    private string File(string name) => Path.Combine(_folder, name.Replace('/', Path.DirectorySeparatorChar));

    [Fact]
    public void AUsersOwnFileInFiguresIsKeptWhileAFigureTheToolWroteBeforeAndNotNowIsRemoved()
    {
        ReportFolder.Write(_folder, [("report.md", "r1\n"), ("figures/km-3.svg", "<svg/>"), ("figures/box-ck.svg", "<svg/>")], figuresRendered: true);
        System.IO.File.WriteAllText(File("figures/my-drawing.svg"), "mine");
        System.IO.File.WriteAllText(File("notes.txt"), "mine");

        ReportFolder.Write(_folder, [("report.md", "r2\n"), ("figures/km-4.svg", "<svg/>"), ("figures/box-ck.svg", "<svg/>")], figuresRendered: true);

        Assert.Equal("mine", System.IO.File.ReadAllText(File("figures/my-drawing.svg")));
        Assert.Equal("mine", System.IO.File.ReadAllText(File("notes.txt")));
        Assert.False(System.IO.File.Exists(File("figures/km-3.svg")), "the figure of an analysis since renumbered is stale");
        Assert.True(System.IO.File.Exists(File("figures/km-4.svg")));
        Assert.Equal(
            ["figures/box-ck.svg", "figures/km-4.svg", "report.md"],
            System.IO.File.ReadAllLines(File(ReportFolder.ManifestFile)).Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void AFiguresPngIsWrittenByteForByteAndRemovedLikeItsSvgWhenItsAnalysisIsGone()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00, 0xC3];
        ReportFolder.Write(_folder, [("report.md", "r1\n"u8.ToArray()), ("figures/km-3.svg", "<svg/>"u8.ToArray()), ("figures/km-3.png", png)], figuresRendered: true);
        Assert.Equal(png, System.IO.File.ReadAllBytes(File("figures/km-3.png")));

        ReportFolder.Write(_folder, [("report.md", "r2\n")], figuresRendered: true);

        Assert.False(System.IO.File.Exists(File("figures/km-3.png")), "the PNG of a figure no longer drawn is stale");
        Assert.False(System.IO.File.Exists(File("figures/km-3.svg")));
    }

    [Fact]
    public void AFiguresFolderThatIsASymbolicLinkOutOfTheReportFolderIsRefusedAndNothingIsWrittenOrRemovedThere()
    {
        string elsewhere = _folder + "-elsewhere";
        Directory.CreateDirectory(elsewhere);
        try
        {
            System.IO.File.WriteAllText(Path.Combine(elsewhere, "km-3.svg"), "a user's file");
            Directory.CreateDirectory(_folder);
            Directory.CreateSymbolicLink(File("figures"), elsewhere);
            System.IO.File.WriteAllText(File(ReportFolder.ManifestFile), "figures/km-3.svg\n");

            var e = Assert.Throws<StudyIoException>(() =>
                ReportFolder.Write(_folder, [("report.md", "r\n"), ("figures/box-ck.svg", "<svg/>")], figuresRendered: true));

            Assert.Contains("is a symbolic link", e.Message, StringComparison.Ordinal);
            Assert.Equal(["km-3.svg"], Directory.GetFiles(elsewhere).Select(Path.GetFileName));
            Assert.Equal("a user's file", System.IO.File.ReadAllText(Path.Combine(elsewhere, "km-3.svg")));
            Assert.False(System.IO.File.Exists(File("report.md")), "no half-written report set");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public void ARunWithoutFiguresKeepsTheFiguresOfTheReportsItDidNotRewrite()
    {
        ReportFolder.Write(_folder, [("report.md", "r\n"), ("figures/km-3.svg", "<svg/>")], figuresRendered: true);

        ReportFolder.Write(_folder, [("results.json", "{}\n")], figuresRendered: false);

        Assert.True(System.IO.File.Exists(File("figures/km-3.svg")));
        Assert.Equal(
            ["figures/km-3.svg", "report.md", "results.json"],
            System.IO.File.ReadAllLines(File(ReportFolder.ManifestFile)).Where(l => !l.StartsWith('#')));
    }

    [Fact]
    public void AManifestEditedToNameOtherFilesRemovesNothingButTheToolsOwn()
    {
        Directory.CreateDirectory(File("figures"));
        string outside = _folder + "-outside.svg";
        System.IO.File.WriteAllText(outside, "keep");
        System.IO.File.WriteAllText(File("figures/user.pdf"), "keep");
        System.IO.File.WriteAllText(File("figures/old.svg"), "ours");
        System.IO.File.WriteAllText(File(ReportFolder.ManifestFile), $"figures/../../{Path.GetFileName(outside)}\n{outside}\nfigures/user.pdf\nfigures/old.svg\n");
        try
        {
            ReportFolder.Write(_folder, [("report.md", "r\n")], figuresRendered: true);

            Assert.Equal("keep", System.IO.File.ReadAllText(outside));
            Assert.Equal("keep", System.IO.File.ReadAllText(File("figures/user.pdf")));
            Assert.False(System.IO.File.Exists(File("figures/old.svg")));
        }
        finally
        {
            System.IO.File.Delete(outside);
        }
    }

    [Fact]
    public void AFullDiskInTheMiddleOfTheSetLeavesThePreviousReportSetWholeAndNoTemporaryFiles()
    {
        ReportFolder.Write(_folder, [("report.md", "old report\n"), ("results.json", "{\"old\": 1}\n"), ("figures/km-1.svg", "<svg>old</svg>")], figuresRendered: true);
        string[] before = Snapshot();
        int opened = 0;

        // The first two files fit; the third fills the disk.
        Stream Open(string path) => ++opened < 3 ? new FileStream(path, FileMode.CreateNew) : FullDisk.Open(path);
        var e = Assert.Throws<StudyIoException>(() => ReportFolder.Write(
            _folder,
            [("report.md", "new report\n"), ("results.json", "{\"new\": " + new string('1', 5000) + "}\n"), ("figures/km-1.svg", "<svg>" + new string('n', 5000) + "</svg>")],
            figuresRendered: true,
            Open));

        Assert.Equal(before, Snapshot());
        Assert.StartsWith("cannot write '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReaderOfResultsJsonDuringRewritesNeverSeesAPartialFile()
    {
        StudyResults results = Big();
        ReportWriter.Write(results, _folder, [ReportFormat.Json]);
        string expected = System.IO.File.ReadAllText(File("results.json"));
        int reads = 0;
        int partial = 0;
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                reads++;
                if (System.IO.File.ReadAllText(File("results.json")) != expected)
                {
                    partial++;
                }
            }
        });
        reader.Start();

        for (int i = 0; i < 100; i++)
        {
            ReportWriter.Write(results, _folder, [ReportFormat.Json]);
        }

        stop.Cancel();
        reader.Join();
        Assert.True(reads > 0);
        Assert.Equal(0, partial);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Every file below the folder (name and content), temporary files included.</summary>
    private string[] Snapshot() => Directory.GetFiles(_folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(_folder, f) + "=" + System.IO.File.ReadAllText(f))
        .ToArray();

    /// <summary>Results with enough problems listed that writing results.json takes several system writes.</summary>
    private static StudyResults Big() => new(
        StudyResults.CurrentSchemaVersion,
        new ToolInfo("ProtocolLang", "0.1.0"),
        new StudyIdentity("S", null, null, "s.study", "00"),
        Array.Empty<DataFileResult>(),
        new ProblemsResult(2000, Enumerable.Range(1, 2000).Select(i => new ProblemResult("PL4003", "data/s.csv", i, "age", "value out of range " + new string('x', 100))).ToArray()),
        new FlowResult(Array.Empty<TableFlow>(), null),
        Array.Empty<AnalysisResult>(),
        Array.Empty<ReportOutput>());
}
