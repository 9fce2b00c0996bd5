using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// Compiled study assemblies on disk, one entry per key. The key is the SHA-256 of the study text,
/// its file name (the generated code records it), the tool version and the identities (MVIDs) of the
/// compiler and runtime assemblies, so a rebuilt tool never loads an assembly compiled by another.
/// Folder: <c>$PROTOCOLLANG_CACHE</c>, else <c>~/.cache/protocollang</c>.
/// </summary>
/// <remarks>
/// An entry is verified before it is used (<see cref="CacheEntry"/>): it carries its key, the study's
/// identity and the tool build it was compiled for, and the SHA-256 of the image. A truncated or
/// otherwise corrupt entry, or one copied over from another study, is reported and rebuilt instead of
/// failing every later run or running the wrong study. The cache is an optimisation: a folder that
/// cannot be read or written (a file in its place, no permission, a full disk) costs a warning and a
/// compile, never the run.
/// </remarks>
internal sealed class AssemblyCache
{
    public const string EnvironmentVariable = "PROTOCOLLANG_CACHE";
    public const string Extension = ".plcache";

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

    /// <summary>The tool build an entry must have been compiled by: version and the MVIDs of the assemblies that shape the image.</summary>
    public static string ToolBuild { get; } = string.Join(
        " ",
        ToolVersion.Value,
        Mvid(typeof(StudyCompiler)),
        Mvid(typeof(Runtime.Plan.StudyRun)),
        Mvid(typeof(AssemblyCache)));

    public static string Key(StudyFile study)
    {
        var identity = string.Join(
            "\n",
            "protocollang-assembly-cache-1",
            ToolBuild.Replace(' ', '\n'),
            study.FileName,
            study.Text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    /// <summary>What an entry of <paramref name="study"/> under <paramref name="key"/> must say about itself.</summary>
    public static CacheIdentity IdentityOf(string key, StudyFile study) =>
        new(key, study.FileName, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(study.Text))), ToolBuild);

    public string PathFor(string key) => Path.Combine(Directory, key + Extension);

    /// <summary>The verified image of <paramref name="expected"/>, or why there is none (missing, unreadable, corrupt, foreign).</summary>
    public CacheLookup TryRead(CacheIdentity expected)
    {
        var path = PathFor(expected.Key);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return CacheLookup.Miss(problem: null);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CacheLookup.Miss($"cannot read the cached assembly '{path}' ({OneLine(e)}); compiling");
        }

        return CacheEntry.TryDecode(bytes, expected, out var image, out var problem)
            ? CacheLookup.Hit(image)
            : CacheLookup.Miss($"the cached assembly '{path}' {problem}; rebuilt it");
    }

    /// <summary>
    /// Stores the image through a temporary file and a rename, so a reader never sees half an entry.
    /// Returns null, or a warning when the cache cannot be written (the run goes on uncached).
    /// </summary>
    public string? Write(CacheIdentity identity, byte[] image)
    {
        string? temporary = null;
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            temporary = Path.Combine(Directory, identity.Key + "." + Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllBytes(temporary, CacheEntry.Encode(identity, image));
            File.Move(temporary, PathFor(identity.Key), overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }

            return $"cannot cache the compiled study in '{Directory}' ({OneLine(e)}); ran it without caching (set {EnvironmentVariable} to a writable folder)";
        }
    }

    /// <summary>Removes an entry that loaded badly despite its hash (best effort: the next run rebuilds it anyway).</summary>
    public void Remove(string key) => TryDelete(PathFor(key));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: it is verified before any use, so it can do no harm.
        }
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();

    private static string Mvid(Type type) => type.Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>For tests and diagnostics: the cached keys.</summary>
    public string[] Keys() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetFiles(Directory, "*" + Extension).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray()
        : [];
}

/// <summary>Who a cache entry belongs to: its key, the study (file name, SHA-256 of its text) and the tool build.</summary>
internal sealed record CacheIdentity(string Key, string StudyFileName, string StudySha256, string ToolBuild);

/// <summary>The result of a cache lookup: the verified image, or none with an optional note saying why.</summary>
internal sealed record CacheLookup(byte[]? Image, string? Problem)
{
    public static CacheLookup Hit(byte[] image) => new(image, null);

    public static CacheLookup Miss(string? problem) => new(null, problem);
}
