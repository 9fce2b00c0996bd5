using System.Collections.Generic;
using System.IO;

namespace ProtocolLang.Cli.Scaffold;

/// <summary>
/// The ProtocolLang.Generator and ProtocolLang.Runtime packages the tool package carries (packed
/// at the tool's version by the Cli project's <c>PackStudyPackages</c> target into
/// <c>tools/net10.0/linux-x64/packages/</c>), so a project made by <c>protocollang new</c> restores them
/// without any feed that serves them.
/// </summary>
internal static class ToolPackages
{
    public static readonly string[] Ids = ["ProtocolLang.Generator", "ProtocolLang.Runtime"];

    /// <summary>Where an installed tool keeps them: <c>packages/</c> beside the tool's assembly.</summary>
    public static string DefaultFolder { get; } = Path.Combine(System.AppContext.BaseDirectory, "packages");

    /// <summary>The package files at <paramref name="version"/> in <paramref name="folder"/>, or null when any is missing (a build run from source).</summary>
    public static IReadOnlyList<string>? Find(string folder, string version)
    {
        var files = new List<string>();
        foreach (var id in Ids)
        {
            var file = Path.Combine(folder, id + "." + version + ".nupkg");
            if (!File.Exists(file))
            {
                return null;
            }

            files.Add(file);
        }

        return files;
    }
}
