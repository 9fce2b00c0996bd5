using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// Compiled study assemblies on disk, one file per key. The key is the SHA-256 of the study text,
/// its file name (the generated code records it), the tool version and the identities (MVIDs) of the
/// compiler and runtime assemblies, so a rebuilt tool never loads an assembly compiled by another.
/// Folder: <c>$PROTOCOLLANG_CACHE</c>, else <c>~/.cache/protocollang</c>.
/// </summary>
internal sealed class AssemblyCache
{
    public const string EnvironmentVariable = "PROTOCOLLANG_CACHE";

    public AssemblyCache(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static string DefaultDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "protocollang");
    }

    public static string Key(StudyFile study)
    {
        var identity = string.Join(
            "\n",
            "protocollang-assembly-cache-1",
            ToolVersion.Value,
            Mvid(typeof(StudyCompiler)),
            Mvid(typeof(Runtime.Plan.StudyRun)),
            Mvid(typeof(AssemblyCache)),
            study.FileName,
            study.Text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    public string PathFor(string key) => Path.Combine(Directory, key + ".dll");

    public byte[]? TryRead(string key)
    {
        var path = PathFor(key);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half an assembly.</summary>
    public void Write(string key, byte[] image)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = Path.Combine(Directory, key + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(temporary, image);
        File.Move(temporary, PathFor(key), overwrite: true);
    }

    private static string Mvid(Type type) => type.Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>For tests and diagnostics: the cached keys.</summary>
    public string[] Keys() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, "*.dll").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray()
        : [];
}
