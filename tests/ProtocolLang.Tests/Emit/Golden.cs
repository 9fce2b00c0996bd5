using System;
using System.IO;
using System.Linq;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// Golden files: compares text with a committed <c>*.expected</c> file in the source tree. A missing or
/// different file fails; <c>PROTOCOLLANG_UPDATE_GOLDEN=1</c> rewrites it instead (then review the diff).
/// </summary>
internal static class Golden
{
    public static void Verify(string actual, params string[] relativePath)
    {
        var path = Path.Combine(new[] { TestStudies.RepositoryRoot }.Concat(relativePath).ToArray());
        if (Environment.GetEnvironmentVariable("PROTOCOLLANG_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with PROTOCOLLANG_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], -1);
        var at = line < 0 ? Math.Min(expectedLines.Length, actualLines.Length) : line;
        Assert.Fail($"{path} differs at line {at + 1}:\n  expected: {Get(expectedLines, at)}\n  actual:   {Get(actualLines, at)}\n"
            + "If the change is intended, run the tests with PROTOCOLLANG_UPDATE_GOLDEN=1 and review the diff.");
    }

    private static string Get(string[] lines, int index) => index < lines.Length ? lines[index] : "<end of file>";
}
