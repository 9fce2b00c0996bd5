using System;
using System.IO;

namespace ProtocolLang.Generator.Tests.TestHelpers;

/// <summary>Paths in the repository, found from the test assembly by walking up to <c>ProtocolLang.sln</c>.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] relative) => Path.Combine([Root, .. relative]);

    public static string GeneratorProject => Combine("src", "ProtocolLang.Generator", "ProtocolLang.Generator.csproj");

    public static string GeneratorProps => Combine("src", "ProtocolLang.Generator", "build", "ProtocolLang.Generator.props");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolLang.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ProtocolLang.sln above {AppContext.BaseDirectory}.");
    }
}
