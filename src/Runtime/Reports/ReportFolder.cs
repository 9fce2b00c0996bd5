using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.IO;
using ProtocolLang.Runtime.Reports.Figures;

namespace ProtocolLang.Runtime.Reports;

/// <summary>
/// Writes one report set into its folder as a unit, and owns only what it wrote there.
/// </summary>
/// <remarks>
/// Every file is first written to a temporary file beside its target; only when all are written are
/// they renamed into place (figures, then reports, then <c>results.json</c>, the manifest last), so a
/// full disk or a read-only folder leaves the previous report set as it was and no temporary file.
/// The manifest (<see cref="ManifestFile"/>) lists the files the tool wrote. A figure listed by the
/// previous run's manifest and not written again is removed (its analysis is gone); nothing the
/// manifest does not list is ever removed, so a user's own file in the folder is safe.
/// </remarks>
internal static class ReportFolder
{
    public const string ManifestFile = ".protocollang-manifest";
    private const string ManifestHeader = "# Files written by ProtocolLang into this report folder; the next run removes only these.";

    /// <param name="files">Names relative to <paramref name="outputDirectory"/> ('/' separators) and their text (written as UTF-8 without a BOM).</param>
    /// <param name="figuresRendered">True when the figures were drawn this run, so listed figures not among <paramref name="files"/> are stale.</param>
    /// <param name="open">Replaces the file stream of each temporary file (tests simulate a full disk).</param>
    public static void Write(string outputDirectory, IReadOnlyList<(string Name, string Text)> files, bool figuresRendered, Func<string, Stream>? open = null)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Write(outputDirectory, files.Select(f => (f.Name, utf8.GetBytes(f.Text))).ToArray(), figuresRendered, open);
    }

    /// <param name="files">Names relative to <paramref name="outputDirectory"/> ('/' separators) and their bytes.</param>
    /// <param name="figuresRendered">True when the figures were drawn this run, so listed figures not among <paramref name="files"/> are stale.</param>
    /// <param name="open">Replaces the file stream of each temporary file (tests simulate a full disk).</param>
    public static void Write(string outputDirectory, IReadOnlyList<(string Name, byte[] Bytes)> files, bool figuresRendered, Func<string, Stream>? open = null)
    {
        string root = Path.GetFullPath(outputDirectory);
        foreach (string folder in files.Select(f => Path.GetDirectoryName(Full(root, f.Name))!).Distinct(StringComparer.Ordinal))
        {
            RefuseLinkedSubfolder(root, folder);
            CreateFolder(folder);
        }

        IReadOnlyList<string> previous = ReadManifest(root);
        var written = new HashSet<string>(files.Select(f => f.Name), StringComparer.Ordinal);
        var stale = figuresRendered
            ? previous.Where(n => !written.Contains(n) && n.StartsWith(ReportFigures.FolderPrefix, StringComparison.Ordinal)).ToArray()
            : [];
        var kept = previous.Where(n => !written.Contains(n) && !stale.Contains(n) && File.Exists(Full(root, n)));
        string manifest = ManifestHeader + "\n" + string.Concat(written.Concat(kept).Order(StringComparer.Ordinal).Select(n => n + "\n"));

        var ordered = files.OrderBy(f => Rank(f.Name)).Append((Name: ManifestFile, Bytes: new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(manifest))).ToArray();
        var temporaries = new List<(string Temporary, string Target)>(ordered.Length);
        try
        {
            foreach ((string name, byte[] bytes) in ordered)
            {
                string target = Full(root, name);
                temporaries.Add((AtomicFile.WriteTemporary(target, bytes, open), target));
            }

            while (temporaries.Count > 0)
            {
                AtomicFile.Commit(temporaries[0].Temporary, temporaries[0].Target);
                temporaries.RemoveAt(0);
            }
        }
        finally
        {
            foreach ((string temporary, _) in temporaries)
            {
                AtomicFile.TryDelete(temporary);
            }
        }

        foreach (string name in stale)
        {
            Remove(Full(root, name));
        }
    }

    /// <summary>
    /// The previous manifest's entries that are safe to act on: plain relative paths of the tool's own
    /// kinds of output, inside the folder. A manifest edited to name anything else is ignored for those lines.
    /// </summary>
    internal static IReadOnlyList<string> ReadManifest(string root)
    {
        string path = Path.Combine(root, ManifestFile);
        string[] lines;
        try
        {
            lines = File.Exists(path) ? File.ReadAllLines(path, Encoding.UTF8) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lines = [];
        }

        return lines.Where(l => l.Length > 0 && l[0] != '#' && IsOwnOutputName(l))
            .Where(l => StudyPaths.IsInside(StudyPaths.RealPath(Full(root, l)), StudyPaths.RealPath(root)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// <c>report.md</c>, <c>report.html</c>, <c>report.docx</c>, <c>results.json</c>, or <c>figures/NAME.svg</c> or <c>figures/NAME.png</c> with NAME of [a-z0-9_.-] starting with a
    /// letter or digit (as figure ids are: <c>box-ck</c>, an analysis id <c>km_relapse</c>, a repetition's <c>km_relapse.f</c>).
    /// </summary>
    private static bool IsOwnOutputName(string name)
    {
        if (name is ReportWriter.MarkdownFile or ReportWriter.HtmlFile or ReportWriter.DocxFile or ReportWriter.JsonFile)
        {
            return true;
        }

        if (!name.StartsWith(ReportFigures.FolderPrefix, StringComparison.Ordinal)
            || !(name.EndsWith(".svg", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal)))
        {
            return false;
        }

        string stem = name[ReportFigures.FolderPrefix.Length..^".svg".Length];
        return stem.Length > 0 && stem[0] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
            && stem.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
    }

    private static int Rank(string name) => name switch
    {
        ReportWriter.JsonFile => 2,
        ReportWriter.MarkdownFile or ReportWriter.HtmlFile or ReportWriter.DocxFile => 1,
        _ => 0,
    };

    private static string Full(string root, string name) => Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The report folder itself was resolved inside the study's folder; a subfolder such as <c>figures/</c> that is
    /// a symbolic link would carry our writes (and the removal of stale figures) to wherever it points.
    /// </summary>
    private static void RefuseLinkedSubfolder(string root, string folder)
    {
        for (string? current = folder; current is not null && current.Length > root.Length; current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current) && new DirectoryInfo(current).LinkTarget is not null)
            {
                throw new StudyIoException(
                    $"cannot write '{current}': it is a symbolic link; the tool writes only into real folders of the report folder");
            }
        }
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StudyIoException.CannotCreateFolder(folder, e);
        }
    }

    private static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StudyIoException.CannotRemove(path, e);
        }
    }
}
