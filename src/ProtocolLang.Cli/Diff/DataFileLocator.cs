using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace ProtocolLang.Cli.Diff;

/// <summary>The data file a results.json recorded does not match the file found for it.</summary>
internal sealed class DataFileMismatchException(string message) : Exception(message);

/// <summary>
/// Finds the data file a run read, from the path <c>results.json</c> records (relative to the study folder) and the
/// SHA-256 it recorded: only a file with that hash is the data the results came from.
/// </summary>
internal static class DataFileLocator
{
    /// <param name="recordedPath">The table's path as the results record it, e.g. <c>data/subjects.csv</c>.</param>
    /// <param name="sha256">The recorded SHA-256 (lower-case hex).</param>
    /// <param name="given">The folder the user named (<c>--old-data</c>): the study folder or the folder of the CSV files.</param>
    /// <param name="guesses">Folders tried when none was named; a file there counts only when its hash matches.</param>
    /// <returns>The file, or null when none was named and no guess holds it.</returns>
    /// <exception cref="DataFileMismatchException">The named folder has no such file, or a file with another hash.</exception>
    public static string? Find(string recordedPath, string? sha256, string? given, IEnumerable<string> guesses)
    {
        if (given is not null)
        {
            var candidates = Candidates(recordedPath, given);
            var found = candidates.Find(File.Exists)
                ?? throw new DataFileMismatchException("no " + recordedPath + " in " + given + " (looked for " + string.Join(" and ", candidates) + ")");
            var actual = Sha256(found);
            if (sha256 is not null && !string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new DataFileMismatchException(
                    found + " is not the file the results were computed from: its SHA-256 is " + actual[..12] + "…, the results record " + sha256[..Math.Min(12, sha256.Length)] + "…");
            }

            return found;
        }

        foreach (var folder in guesses)
        {
            foreach (var candidate in Candidates(recordedPath, folder))
            {
                if (File.Exists(candidate) && sha256 is not null && string.Equals(Sha256(candidate), sha256, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static List<string> Candidates(string recordedPath, string folder)
    {
        var relative = recordedPath.Replace('\\', '/');
        var inStudyFolder = Path.Combine(folder, relative);
        var beside = Path.Combine(folder, Path.GetFileName(relative));
        return inStudyFolder == beside ? [inStudyFolder] : [inStudyFolder, beside];
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
