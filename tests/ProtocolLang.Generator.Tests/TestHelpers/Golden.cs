using System;
using System.IO;

namespace ProtocolLang.Generator.Tests.TestHelpers;

/// <summary>
/// Golden files in <c>tests/ProtocolLang.Generator.Tests/Golden/NAME.expected</c>. A missing or
/// different file fails; <c>PROTOCOLLANG_UPDATE_GOLDEN=1</c> rewrites it (review the diff, then commit).
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "PROTOCOLLANG_UPDATE_GOLDEN";

    public static void AssertMatches(string name, string actual)
    {
        var path = RepoPaths.Combine("tests", "ProtocolLang.Generator.Tests", "Golden", name + ".expected");
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it, then review it.");
        var expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            // Beside the golden file, ignored by git, for a diff tool.
            File.WriteAllText(Path.ChangeExtension(path, ".received.txt"), actual);
        }

        Assert.Equal(expected, actual);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
