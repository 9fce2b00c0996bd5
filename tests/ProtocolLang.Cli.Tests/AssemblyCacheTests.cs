using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ProtocolLang.Cli.Commands;
using ProtocolLang.Cli.Compilation;

namespace ProtocolLang.Cli.Tests;

/// <summary>A cache entry is verified before use: a bad or foreign one is rebuilt with a note, an unusable cache folder costs only a warning.</summary>
public sealed class AssemblyCacheTests
{
    [Fact]
    public void ATruncatedCachedAssemblyIsReportedAndRebuiltInsteadOfFailingEveryLaterRun()
    {
        using var temp = new TempFolder();
        var cache = temp.Combine("cache");
        Assert.Equal(0, Run(RepositoryPaths.ExampleStudy, temp, cache).Exit);
        var entry = Assert.Single(Directory.GetFiles(cache));
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);

        var second = Run(RepositoryPaths.ExampleStudy, temp, cache);
        var third = Run(RepositoryPaths.ExampleStudy, temp, cache);

        Assert.True(second.Exit == 0, second.Error);
        Assert.Contains($"protocollang: note: the cached assembly '{entry}' is truncated", second.Error, StringComparison.Ordinal);
        Assert.Contains("rebuilt it", second.Error, StringComparison.Ordinal);
        Assert.Contains("compiled assembly from the cache", third.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, third.Error);
    }

    [Fact]
    public void ACacheEntrySwappedForAnotherStudysIsDetectedAndTheRightStudyRuns()
    {
        using var temp = new TempFolder();
        var cache = temp.Combine("cache");
        var other = temp.CopyExample("other");
        File.WriteAllText(other, File.ReadAllText(other).Replace("version \"1.0\"", "version \"9.9\"", StringComparison.Ordinal));
        Assert.Equal(0, Run(RepositoryPaths.ExampleStudy, temp, cache).Exit);
        var mine = Assert.Single(Directory.GetFiles(cache));
        Assert.Equal(0, Run(other, temp, cache).Exit);
        var theirs = Directory.GetFiles(cache).Single(f => f != mine);
        File.Copy(theirs, mine, overwrite: true);

        var swapped = Run(RepositoryPaths.ExampleStudy, temp, cache);

        Assert.True(swapped.Exit == 0, swapped.Error);
        Assert.Contains($"the cached assembly '{mine}' holds another study", swapped.Error, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(swapped.OutputDirectory, "results.json")))!;
        Assert.Equal("1.0", (string)results["study"]!["version"]!);
    }

    [Fact]
    public void ACacheFolderThatIsAFileCostsAWarningNotTheRun()
    {
        using var temp = new TempFolder();
        var cacheFile = temp.Combine("cache-file");
        File.WriteAllText(cacheFile, "not a folder");

        var run = Run(RepositoryPaths.ExampleStudy, temp, cacheFile);

        Assert.True(run.Exit == 0, run.Error);
        Assert.StartsWith($"protocollang: note: cannot cache the compiled study in '{cacheFile}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("ran it without caching", run.Error, StringComparison.Ordinal);
        Assert.Contains("compiled assembly built, not cached.", run.Out, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(cacheFile));
    }

    [Fact]
    public void AnEntryThatVerifiesButHoldsNoStudyIsAnInternalErrorWithExitSeventyAndNoStackTrace()
    {
        using var temp = new TempFolder();
        var cache = new AssemblyCache(temp.Combine("cache"));
        var study = StudyFile.Read(RepositoryPaths.ExampleStudy);
        var key = AssemblyCache.Key(study);

        // A valid assembly of the right identity without a generated study class: only a tool bug could store that.
        cache.Write(AssemblyCache.IdentityOf(key, study), File.ReadAllBytes(typeof(ExitCodes).Assembly.Location));
        var run = Run(RepositoryPaths.ExampleStudy, temp, cache.Directory);

        Assert.Equal(ExitCodes.InternalError, run.Exit);
        Assert.StartsWith("protocollang: internal error, please report it as a ProtocolLang bug: System.InvalidOperationException: Expected one generated study class", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryRoundTripsAndAnyFlippedByteIsRejected()
    {
        var identity = new CacheIdentity("k", "s.study", "abc", "tool 1");
        var image = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var entry = CacheEntry.Encode(identity, image);

        Assert.True(CacheEntry.TryDecode(entry, identity, out var decoded, out _));
        Assert.Equal(image, decoded);
        Assert.False(CacheEntry.TryDecode(entry, identity with { ToolBuild = "tool 2" }, out _, out var problem));
        Assert.Equal("was compiled by another build of the tool", problem);
        for (var i = 0; i < entry.Length; i += 7)
        {
            var flipped = (byte[])entry.Clone();
            flipped[i] ^= 0x20;
            Assert.False(CacheEntry.TryDecode(flipped, identity, out _, out _), $"byte {i}");
        }
    }

    private static RunRecord Run(string study, TempFolder temp, string cache)
    {
        var captured = new CapturedOutput();
        var outDir = temp.Combine("out-" + Guid.NewGuid().ToString("N")[..8]);
        var exit = RunCommand.Execute(new RunRequest(study, outDir, "json", cache), captured.Output);
        return new RunRecord(exit, outDir, captured.Out.ToString(), captured.Error.ToString());
    }
}
