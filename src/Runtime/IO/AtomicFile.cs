using System;
using System.IO;
using System.Text;

namespace ProtocolLang.Runtime.IO;

/// <summary>
/// Writes a file so that a reader sees either the old content or the new, never a part: the bytes go to
/// a temporary file in the same folder (same file system, so the rename is atomic), are flushed to
/// disk, and the temporary file is renamed over the target. On failure the target is untouched and
/// the temporary file removed; the error is a <see cref="StudyIoException"/> naming the target.
/// Text is UTF-8 without a byte-order mark.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8NoBom.GetBytes(text));
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        string temporary = WriteTemporary(path, bytes, open: null);
        Commit(temporary, path);
    }

    /// <summary>The temporary file a write of <paramref name="path"/> uses: hidden, in the same folder, unique to this write.</summary>
    internal static string TemporaryFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");

    /// <summary>
    /// Writes the bytes to a new temporary file beside <paramref name="path"/> and returns its path;
    /// <paramref name="open"/> replaces the file stream (tests simulate a full disk with it).
    /// </summary>
    internal static string WriteTemporary(string path, byte[] bytes, Func<string, Stream>? open)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bytes);
        string temporary = TemporaryFor(path);
        try
        {
            using (Stream stream = open is null
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16)
                : open(temporary))
            {
                stream.Write(bytes);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            return temporary;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw StudyIoException.CannotWrite(path, e);
        }
    }

    /// <summary>Renames a temporary file written by <see cref="WriteTemporary"/> over its target.</summary>
    internal static void Commit(string temporary, string path)
    {
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw StudyIoException.CannotWrite(path, e);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write already failed and that is the error worth reporting.
        }
    }
}
