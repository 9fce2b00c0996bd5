using System;
using System.IO;
using ProtocolLang.Runtime.IO;

namespace ProtocolLang.Runtime.Tests.IO;

public sealed class StudyPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "protocollang-paths-" + Guid.NewGuid().ToString("N"));

    public StudyPathsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "study", "data"));
        Directory.CreateDirectory(Path.Combine(_root, "shared"));
        File.WriteAllText(Path.Combine(_root, "secret.csv"), "secret\n");
    }

    private string Study => Path.Combine(_root, "study");

    [Theory]
    [InlineData("data/subjects.csv")]
    [InlineData("report")]
    [InlineData("data/../report")]
    [InlineData("./data/x.csv")]
    public void APathInsideTheStudyFolderResolvesThere(string declared)
    {
        Assert.True(new StudyPaths(Study).TryResolve(declared, "the file", out string resolved, out _));
        Assert.True(StudyPaths.IsInside(resolved, Study), resolved);
    }

    [Theory]
    [InlineData("../secret.csv", "leads outside the study's folder;")]
    [InlineData("data/../../secret.csv", "leads outside the study's folder;")]
    [InlineData("/etc/passwd", "is an absolute path outside the study's folder")]
    public void APathLeavingTheStudyFolderIsRefusedWithAReasonNamingOnlyTheDeclaredPath(string declared, string reason)
    {
        Assert.False(new StudyPaths(Study).TryResolve(declared, "the data file", out _, out string refusal));
        Assert.StartsWith($"the data file '{declared}' {reason}", refusal, StringComparison.Ordinal);
        Assert.Contains("--allow-outside", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileSymlinkWhoseTargetIsOutsideIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(Study, "data", "link.csv"), Path.Combine(_root, "secret.csv"));

        Assert.False(new StudyPaths(Study).TryResolve("data/link.csv", "the data file", out _, out string refusal));
        Assert.Contains("through a symbolic link", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderSymlinkLeadingOutIsRefusedAndDotDotAfterItGoesToTheTargetsParent()
    {
        Directory.CreateSymbolicLink(Path.Combine(Study, "up"), Path.Combine(_root, "shared"));
        var paths = new StudyPaths(Study);

        Assert.False(paths.TryResolve("up/x.csv", "the data file", out _, out _));

        // As the system walks it: "up/.." is the parent of shared/, i.e. _root, not the study folder.
        Assert.False(paths.TryResolve("up/../secret.csv", "the data file", out string resolved, out _));
        Assert.Equal(StudyPaths.RealPath(Path.Combine(_root, "secret.csv")), resolved);
    }

    [Fact]
    public void ASymlinkInsideTheStudyFolderIsFine()
    {
        Directory.CreateSymbolicLink(Path.Combine(Study, "current"), Path.Combine(Study, "data"));

        Assert.True(new StudyPaths(Study).TryResolve("current/x.csv", "the data file", out string resolved, out _));
        Assert.Equal(Path.Combine(StudyPaths.RealPath(Study), "data", "x.csv"), resolved);
    }

    [Fact]
    public void AnExplicitlyAllowedFileOrFolderMayBeUsed()
    {
        var paths = new StudyPaths(Study, [Path.Combine(_root, "secret.csv"), "../shared"]);

        Assert.True(paths.TryResolve("../secret.csv", "the data file", out _, out _));
        Assert.True(paths.TryResolve("../shared/a/b.csv", "the data file", out _, out _));
        Assert.False(paths.TryResolve("../other.csv", "the data file", out _, out _));
    }

    [Fact]
    public void AFolderIsNotInsideAnotherThatMerelySharesItsNamePrefix()
    {
        Assert.False(StudyPaths.IsInside(Path.Combine(_root, "study-2", "x"), Study));
        Assert.True(StudyPaths.IsInside(Study + Path.DirectorySeparatorChar, Study));
    }

    [Fact]
    public void ASymlinkLoopEndsWithAnError()
    {
        File.CreateSymbolicLink(Path.Combine(Study, "a"), Path.Combine(Study, "b"));
        File.CreateSymbolicLink(Path.Combine(Study, "b"), Path.Combine(Study, "a"));

        Assert.Throws<IOException>(() => StudyPaths.RealPath(Path.Combine(Study, "a", "x")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
