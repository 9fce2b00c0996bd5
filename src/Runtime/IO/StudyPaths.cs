using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ProtocolLang.Runtime.IO;

/// <summary>
/// Where a study may read and write: its own folder, and the files or folders a caller explicitly
/// allows outside it (<c>run --allow-outside PATH</c>, <see cref="Plan.StudyRunOptions.AllowOutside"/>).
/// A path the protocol declares (<c>from</c>, <c>template</c>, <c>report</c>) is resolved as the
/// operating system would open it — <c>..</c> after a symbolic link goes to the link target's
/// parent — and refused when the result leaves every allowed place. The check runs where the file is
/// opened, so a symbolic link placed in the study folder cannot lead out of it.
/// </summary>
public sealed class StudyPaths
{
    /// <summary>How many symbolic links one path may pass through (Linux's MAXSYMLINKS), so a link loop ends.</summary>
    private const int MaxLinks = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] _allowed;

    /// <param name="studyDirectory">The folder of the <c>.study</c> file.</param>
    /// <param name="allowOutside">Files or folders outside it that may be used; relative ones are relative to <paramref name="studyDirectory"/>.</param>
    public StudyPaths(string studyDirectory, IEnumerable<string>? allowOutside = null)
    {
        ArgumentNullException.ThrowIfNull(studyDirectory);
        StudyDirectory = Path.GetFullPath(studyDirectory);
        RealStudyDirectory = RealPath(StudyDirectory);
        _allowed = (allowOutside ?? [])
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => RealPath(Path.Combine(StudyDirectory, p)))
            .Prepend(RealStudyDirectory)
            .ToArray();
    }

    /// <summary>The study folder as given (full path).</summary>
    public string StudyDirectory { get; }

    /// <summary>The study folder with every symbolic link resolved.</summary>
    public string RealStudyDirectory { get; }

    /// <summary>
    /// Resolves <paramref name="declared"/> (as the protocol writes it, relative to the study folder)
    /// to the path to open, with every symbolic link resolved; false, with a one-line reason that names
    /// only the declared path, when it leaves the study folder and is not allowed.
    /// </summary>
    /// <param name="what">What the path is, for the reason: "the data file", "the report template", "the report folder".</param>
    public bool TryResolve(string declared, string what, out string resolved, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(declared);
        string real = RealPath(Path.Combine(StudyDirectory, declared));
        resolved = real;
        if (_allowed.Any(a => IsInside(real, a)))
        {
            refusal = string.Empty;
            return true;
        }

        string how = Path.IsPathRooted(declared) ? "is an absolute path outside the study's folder"
            : IsInside(Path.GetFullPath(Path.Combine(StudyDirectory, declared)), StudyDirectory) ? "leads outside the study's folder through a symbolic link"
            : "leads outside the study's folder";
        refusal = $"{what} '{declared}' {how}; refused. Keep it inside the study's folder, or allow it explicitly (run --allow-outside PATH, or StudyRunOptions.AllowOutside)";
        return false;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or below it (both full paths, compared by segment).</summary>
    public static bool IsInside(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);
        string p = Path.TrimEndingDirectorySeparator(path);
        string f = Path.TrimEndingDirectorySeparator(folder);
        if (p.Equals(f, PathComparison))
        {
            return true;
        }

        return p.StartsWith(f, PathComparison)
            && (p[f.Length] == Path.DirectorySeparatorChar || p[f.Length] == Path.AltDirectorySeparatorChar || f.EndsWith(Path.DirectorySeparatorChar));
    }

    /// <summary>
    /// The full path with every existing symbolic link resolved, segment by segment, as the operating
    /// system walks it (POSIX <c>realpath</c>); segments that do not exist yet are appended as written.
    /// </summary>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int links = 0;

        // Not Path.GetFullPath: it removes "a/.." as text, where the system goes to the parent of a's target.
        return Resolve(Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path), ref links);
    }

    private static string Resolve(string path, ref int links)
    {
        string root = Path.GetPathRoot(path) ?? string.Empty;
        string current = root.Length == 0 ? Directory.GetCurrentDirectory() : root;
        string[] segments = path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        bool exists = true;
        foreach (string segment in segments)
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string next = Path.Combine(current, segment);
            if (exists && LinkTarget(next) is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"Too many levels of symbolic links in '{path}'.");
                }

                // A relative target is relative to the link's folder; the target may itself hold links.
                current = Resolve(Path.Combine(current, target), ref links);
                continue;
            }

            exists = exists && (File.Exists(next) || Directory.Exists(next));
            current = next;
        }

        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
