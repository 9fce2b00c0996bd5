using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolLang.Cli.Status;

/// <summary>How a recorded file compares with what is there now.</summary>
internal enum FileState
{
    Current,
    Changed,
    Missing,
}

/// <summary>One recorded file checked: its recorded and current SHA-256 (null when missing).</summary>
internal sealed record FileCheck(RecordedFile File, string? CurrentSha256)
{
    public FileState State => CurrentSha256 is null ? FileState.Missing
        : string.Equals(CurrentSha256, File.Sha256, StringComparison.OrdinalIgnoreCase) ? FileState.Current
        : FileState.Changed;
}

/// <summary>Whether results are stale: every recorded file, checked.</summary>
internal sealed record StalenessReport(IReadOnlyList<FileCheck> Files)
{
    /// <summary>Tables read from database servers: their rows may have changed since, which no hash can tell.</summary>
    public int ServerTables { get; init; }

    public bool IsStale => Files.Any(f => f.State != FileState.Current);

    /// <summary>
    /// "Report is current" or "Report is STALE: study file changed (recorded abc…, now def…); data/x.csv missing".
    /// </summary>
    public string Sentence()
    {
        if (!IsStale)
        {
            return "Report is current: the study file and " + DataCount(Files.Count - 1) + " match the SHA-256 recorded in results.json."
                + (ServerTables == 0 ? string.Empty : " " + ServerCount(ServerTables) + " read from a database server, whose rows may have changed since (results.json's dataSources says when they were read).");
        }

        return "Report is STALE: " + string.Join("; ", Files.Where(f => f.State != FileState.Current).Select(Describe)) + ".";
    }

    private static string Describe(FileCheck check) => check.State == FileState.Missing
        ? check.File.Label + " missing"
        : check.File.Label + " changed (recorded " + Hashes.Short(check.File.Sha256) + ", now " + Hashes.Short(check.CurrentSha256!) + ")";

    private static string ServerCount(int n) => n == 1 ? "1 table was" : n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " tables were";

    private static string DataCount(int n) => n == 1 ? "1 data file" : n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " data files";
}

/// <summary>Recomputes the SHA-256 of the files a results.json records, the way the tool computed them.</summary>
internal static class Staleness
{
    /// <param name="studyPath">The .study file; data paths are relative to its folder.</param>
    public static StalenessReport Check(RecordedFiles recorded, string studyPath)
    {
        var studyDirectory = Path.GetDirectoryName(Path.GetFullPath(studyPath)) ?? ".";
        var checks = new List<FileCheck> { new(recorded.Study, File.Exists(studyPath) ? Hashes.OfStudy(studyPath) : null) };
        foreach (var data in recorded.Data)
        {
            var path = Path.Combine(studyDirectory, data.Path);
            checks.Add(new FileCheck(data, File.Exists(path) ? Hashes.OfFile(path) : null));
        }

        return new StalenessReport(checks) { ServerTables = recorded.ServerTables };
    }

    /// <summary>
    /// The files of <paramref name="before"/> checked against the hashes <paramref name="after"/> records
    /// (a file <paramref name="after"/> does not record counts as missing), for the notice <c>run</c>
    /// prints when it replaces a report computed from other inputs.
    /// </summary>
    public static StalenessReport Compare(RecordedFiles before, RecordedFiles after)
    {
        var now = after.Data.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Sha256, StringComparer.Ordinal);
        var checks = new List<FileCheck>
        {
            new(before.Study, string.Equals(before.Study.Path, after.Study.Path, StringComparison.Ordinal) ? after.Study.Sha256 : null),
        };
        checks.AddRange(before.Data.Select(f => new FileCheck(f, now.GetValueOrDefault(f.Path))));
        return new StalenessReport(checks);
    }
}

/// <summary>SHA-256 as results.json records it: lower-case hex.</summary>
internal static class Hashes
{
    /// <summary>The study hash is of its text as compiled: UTF-8, without a byte-order mark (the binder's <c>Sha256Hex</c>).</summary>
    public static string OfStudy(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(File.ReadAllText(path, Encoding.UTF8))));

    /// <summary>A data file's hash is of its bytes, as the runtime's data loader computes it.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The first 12 hex digits and an ellipsis: enough to tell hashes apart in a sentence.</summary>
    public static string Short(string sha256) => sha256[..Math.Min(12, sha256.Length)] + "…";
}
