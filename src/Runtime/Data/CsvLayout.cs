using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;

namespace ProtocolLang.Runtime.Data;

/// <summary>A stretch of a CSV file's data lines: bytes <c>[Start, End)</c>, whose first line is data line <c>FirstPosition</c> (0-based, header not counted).</summary>
internal readonly record struct CsvPart(long Start, long End, int FirstPosition, int Lines);

/// <summary>
/// One pass over a CSV file's bytes before it is parsed: its number of lines (to size the columns once), whether every
/// line is exactly one row (no quote character anywhere, every <c>\r</c> part of a <c>\r\n</c>), and where to cut the
/// data lines into parts that can be parsed apart. With no quotes a line break always ends a row, so a part boundary
/// after a <c>\n</c> is a row boundary and a line's number is known from its position: that is what lets the parts be
/// parsed on several cores with every row and line number as a single reader gives them.
/// </summary>
internal sealed class CsvLayout
{
    private const int ChunkSize = 1 << 20;

    private CsvLayout(long lines, bool oneRowPerLine, long headerEnd, long length, IReadOnlyList<CsvPart> parts)
    {
        Lines = lines;
        OneRowPerLine = oneRowPerLine;
        HeaderEnd = headerEnd;
        Length = length;
        Parts = parts;
    }

    /// <summary>The file's lines (a last line without a line break counts).</summary>
    public long Lines { get; }

    /// <summary>True when no line can hold part of another row (no <c>"</c>, no lone <c>\r</c>, UTF-8 or no byte order mark).</summary>
    public bool OneRowPerLine { get; }

    /// <summary>The byte just after the header line's <c>\n</c> (the file's length when it has one line).</summary>
    public long HeaderEnd { get; }

    public long Length { get; }

    /// <summary>The data lines cut at line ends into consecutive parts, in file order; empty unless <see cref="OneRowPerLine"/>.</summary>
    public IReadOnlyList<CsvPart> Parts { get; }

    /// <summary>Where a UTF-8 byte order mark ends (0 when there is none).</summary>
    public int HeaderStart { get; private init; }

    /// <summary>Reads the file once; <paramref name="parts"/> is how many parts to aim for (fewer when the file is small).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static CsvLayout Scan(string path, int parts, long minBytesPerPart)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = stream.Length;
        var targets = new List<long>();
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long newlines = 0;
            long offset = 0;
            long headerEnd = -1;
            var oneRowPerLine = true;
            var pendingCr = false;   // the previous chunk ended with '\r'
            var lastByte = (byte)'\n';
            var cuts = new List<(long Offset, long LinesBefore)>();
            var nextTarget = 0;
            var bom = 0;
            int read;
            while ((read = stream.Read(bytes, 0, ChunkSize)) > 0)
            {
                var chunk = bytes.AsSpan(0, read);
                if (offset == 0)
                {
                    // A UTF-16 or UTF-32 byte order mark: the file is decoded as such by the general reader, not here.
                    oneRowPerLine &= !(chunk.Length >= 2 && ((chunk[0] == 0xFE && chunk[1] == 0xFF) || (chunk[0] == 0xFF && chunk[1] == 0xFE)));
                    bom = chunk is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
                }

                if (oneRowPerLine)
                {
                    oneRowPerLine = chunk.IndexOf((byte)'"') < 0 && CarriageReturnsEndLines(chunk, ref pendingCr);
                }

                if (headerEnd < 0 && chunk.IndexOf((byte)'\n') is var firstBreak and >= 0)
                {
                    headerEnd = offset + firstBreak + 1;
                    targets.AddRange(Targets(headerEnd, length, parts, minBytesPerPart));
                }

                // Each cut is the first line end at or after its target byte, with the number of line ends before it.
                while (headerEnd >= 0 && nextTarget < targets.Count && targets[nextTarget] < offset + read)
                {
                    var from = (int)Math.Max(targets[nextTarget] - offset, 0);
                    var at = chunk[from..].IndexOf((byte)'\n');
                    if (at < 0)
                    {
                        break;   // the line goes on into the next chunk
                    }

                    var cut = offset + from + at + 1;
                    cuts.Add((cut, newlines + chunk[..(from + at + 1)].Count((byte)'\n')));
                    while (nextTarget < targets.Count && targets[nextTarget] < cut)
                    {
                        nextTarget++;
                    }
                }

                newlines += chunk.Count((byte)'\n');
                lastByte = chunk[^1];
                offset += read;
            }

            oneRowPerLine &= !pendingCr;
            var lines = newlines + (lastByte == (byte)'\n' ? 0 : 1);
            var dataParts = oneRowPerLine && headerEnd >= 0 ? Split(headerEnd, length, lines, cuts) : [];
            return new CsvLayout(lines, oneRowPerLine, headerEnd < 0 ? length : headerEnd, length, dataParts) { HeaderStart = bom };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Whether every <c>\r</c> in the chunk is followed by <c>\n</c> (one at its end is decided by the next chunk).</summary>
    private static bool CarriageReturnsEndLines(ReadOnlySpan<byte> chunk, ref bool pendingCr)
    {
        if (pendingCr && chunk[0] != (byte)'\n')
        {
            return false;
        }

        pendingCr = false;
        var rest = chunk;
        while (rest.IndexOf((byte)'\r') is var at and >= 0)
        {
            if (at == rest.Length - 1)
            {
                pendingCr = true;
                return true;
            }

            if (rest[at + 1] != (byte)'\n')
            {
                return false;
            }

            rest = rest[(at + 2)..];
        }

        return true;
    }

    /// <summary>
    /// Where to aim the cuts: as many parts as the size allows, equal shares of the data bytes but for the first, which
    /// gets 4/5 of a share: the thread that parses it then numbers and places its rows while the others still parse, so
    /// a smaller first part lets every thread finish its first pass at about the same time.
    /// </summary>
    private static IEnumerable<long> Targets(long headerEnd, long length, int parts, long minBytesPerPart)
    {
        var data = length - headerEnd;
        var count = (int)Math.Clamp(data / Math.Max(minBytesPerPart, 1), 1, Math.Max(parts, 1));
        var shares = (5L * count) - 1;   // in fifths: 4 for the first part, 5 for each other
        for (var i = 1; i < count; i++)
        {
            yield return headerEnd + (data * ((5L * i) - 1) / shares);
        }
    }

    private static List<CsvPart> Split(long headerEnd, long length, long lines, List<(long Offset, long LinesBefore)> cuts)
    {
        // Line 1 is the header, so the data line starting after k line ends is at position k - 1.
        var result = new List<CsvPart>(cuts.Count + 1);
        var start = headerEnd;
        var firstPosition = 0L;
        foreach (var (offset, linesBefore) in cuts)
        {
            if (offset >= length)
            {
                break;
            }

            result.Add(new CsvPart(start, offset, (int)firstPosition, (int)(linesBefore - 1 - firstPosition)));
            start = offset;
            firstPosition = linesBefore - 1;
        }

        result.Add(new CsvPart(start, length, (int)firstPosition, (int)(lines - 1 - firstPosition)));
        return result;
    }
}
