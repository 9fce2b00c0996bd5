using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// Compares text with <c>Golden/NAME</c> beside this source file. A missing or different golden file fails; with
/// PROTOCOLLANG_UPDATE_GOLDEN=1 the file is (re)written instead (as Runtime.Tests' goldens).
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "PROTOCOLLANG_UPDATE_GOLDEN";

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name);
        if (string.Equals(Environment.GetEnvironmentVariable(UpdateVariable), "1", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it, then review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Assert.Fail($"{name} differs from {path} (run with {UpdateVariable}=1 to accept):\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (!string.Equals(el, al, StringComparison.Ordinal))
            {
                return $"line {i + 1}\n  expected: {el}\n  actual:   {al}";
            }
        }

        return "(no line differs)";
    }
}
