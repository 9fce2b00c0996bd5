using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Studies.RandomisedTrial;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The second example's report and results are committed (as the first example's are) so that a change
/// that moves a number shows up in review as a diff. These tests rerun trial.study and fail when the
/// committed files are stale, and check that the bytes do not depend on the current culture.
/// </summary>
public sealed class RandomisedTrialReportTests : IClassFixture<RandomisedTrialReportTests.FreshRun>, IDisposable
{
    private const string Rerun = "run `dotnet run --project examples/RandomisedTrial` and commit examples/RandomisedTrial/report";
    private readonly FreshRun _fresh;
    private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-trial-" + Guid.NewGuid().ToString("N"));

    public RandomisedTrialReportTests(FreshRun fresh) => _fresh = fresh;

    private static string CommittedDirectory => RepositoryPaths.Combine("examples", "RandomisedTrial", "report");

    [Fact]
    public void AFreshRunWritesExactlyTheCommittedFiles()
    {
        string[] written = Files(_fresh.Directory);
        Assert.Contains("results.json", written);
        Assert.Contains("report.md", written);
        Assert.Contains("report.html", written);
        Assert.Contains("figures/km_arm.svg", written);
        Assert.Contains("figures/km_arm_by_sex.1.svg", written);
        Assert.Equal(written, Files(CommittedDirectory));
    }

    [Fact]
    public void CommittedReportMatchesAFreshRunOfTheStudy()
    {
        string[] stale = Files(_fresh.Directory)
            .Where(f => !File.Exists(Committed(f)) || File.ReadAllText(Committed(f)) != File.ReadAllText(Path.Combine(_fresh.Directory, f)))
            .ToArray();
        Assert.True(stale.Length == 0, $"stale or missing: {string.Join(", ", stale)}; {Rerun}.");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fi-FI")]
    public void ReportIsByteIdenticalUnderAnyCurrentCulture(string culture)
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Run(_output);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }

        string[] written = Files(_fresh.Directory);
        Assert.Equal(written, Files(_output));
        foreach (string file in written)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(_fresh.Directory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_output, file))),
                $"{file} differs under {culture}");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static string Committed(string file) => Path.Combine([CommittedDirectory, .. file.Split('/')]);

    private static string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    private static void Run(string outputDirectory) =>
        RandomisedTrialStudy.Run(new StudyRunOptions
        {
            StudyDirectory = RepositoryPaths.Combine("examples", "RandomisedTrial"),
            OutputDirectory = outputDirectory,
        });

    /// <summary>One run under the invariant culture, shared by the tests (a run writes every format).</summary>
    public sealed class FreshRun : IDisposable
    {
        public FreshRun()
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
                Run(Directory);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "pl-trial-fresh-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}
