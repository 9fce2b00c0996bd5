using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// SHA-256 of a file's bytes and the line of its first invalid UTF-8 byte, in one streaming pass. The loader runs it
/// beside the parse (SHA-256 of 41 MB took ~25 ms of CPU here, the hash and check together about a ninth of the load at
/// 10^6 rows) and keeps the parse only when the file is valid UTF-8; <see cref="CsvLayout.Scan"/> sizes the columns
/// before either starts.
/// </summary>
internal readonly record struct FileDigest(string Sha256, long InvalidUtf8Line)
{
    private const int ChunkSize = 1 << 16;

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static FileDigest Compute(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Up to 3 bytes of a UTF-8 sequence split across chunks are carried to the front of the next chunk.
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        var chars = ArrayPool<char>.Shared.Rent(ChunkSize + 4);
        try
        {
            long line = 1;
            long invalidLine = 0;
            var carry = 0;
            int read;
            while ((read = stream.Read(bytes, carry, ChunkSize)) > 0)
            {
                hash.AppendData(bytes, carry, read);
                if (invalidLine != 0)
                {
                    continue;
                }

                var chunk = bytes.AsSpan(0, carry + read);
                var status = Utf8.ToUtf16(chunk, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
                line += chunk[..consumed].Count((byte)'\n');
                if (status == OperationStatus.InvalidData)
                {
                    invalidLine = line;
                    carry = 0;
                    continue;
                }

                chunk[consumed..].CopyTo(bytes);
                carry = chunk.Length - consumed;
            }

            if (invalidLine == 0 && carry > 0)
            {
                invalidLine = line;   // the file ends inside a multi-byte sequence
            }

            return new FileDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), invalidLine);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
