using System;
using System.IO;
using System.Threading.Tasks;

namespace ProtocolLang.Runtime.Data;

/// <summary>A CSV file: its checks (existence, readability, UTF-8), its SHA-256 beside the parse, and its text.</summary>
internal sealed partial class TableLoader
{
    private LoadedTable Load(string path)
    {
        if (!File.Exists(path))
        {
            _problems.Add(DataProblemCodes.FileNotFound, 0, null, DataMessages.FileNotFound(_table, Path.GetFullPath(path)));
            return Finish(file: null, keys: null);
        }

        // The hash and the UTF-8 check run beside the parse (~30 ms of CPU at 10^6 rows, a ninth of the load); the parse is
        // kept only when they succeed, so a file that is unreadable or not UTF-8 reports exactly what it did before.
        var digestTask = Task.Run(() => FileDigest.Compute(path));
        KeySet? keys = null;
        string? unreadable = null;
        try
        {
            // One pass over the bytes first: the line count sizes the columns, and a file without quotes is parsed on every core.
            var layout = CsvLayout.Scan(path, MaxParts, MinBytesPerPart);
            keys = layout.OneRowPerLine && layout.Lines - 1 <= MaxPresizedRows
                ? ReadRowsByLine(path, layout)
                : ReadRows(path, ExpectedRows(layout.Lines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unreadable = e.Message;
        }

        FileDigest digest;
        try
        {
            digest = digestTask.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused().Unreadable(e.Message);
        }

        if (digest.InvalidUtf8Line > 0)
        {
            var refused = Refused();
            refused._problems.Add(DataProblemCodes.InvalidUtf8, 0, null, DataMessages.InvalidUtf8(digest.InvalidUtf8Line));
            return refused.Finish(new DataFileInfo(_table.Name, _table.Source, digest.Sha256, 0), keys: null);
        }

        if (unreadable is not null)
        {
            _problems.Add(DataProblemCodes.UnreadableFile, 0, null, DataMessages.UnreadableFile(_table, unreadable));
            keys = null;
        }

        return Finish(new DataFileInfo(_table.Name, _table.Source, digest.Sha256, _rowsRead), keys);
    }

    /// <summary>A loader with nothing read, for a file refused after its parse ran: none of the parse's rows or problems are kept.</summary>
    private TableLoader Refused() => new(_table, _parent, _problemLimit);

    private LoadedTable Unreadable(string message)
    {
        _problems.Add(DataProblemCodes.UnreadableFile, 0, null, DataMessages.UnreadableFile(_table, message));
        return Finish(file: null, keys: null);
    }

    /// <summary>At most one data row per line after the header; capped so a huge file still grows on demand.</summary>
    private static int ExpectedRows(long lines) => (int)Math.Clamp(lines - 1, 1, MaxPresizedRows);

    /// <summary>The most rows a table's columns are allocated for up front; a larger source grows them as it is read.</summary>
    private const int MaxPresizedRows = 1 << 26;

    /// <summary>
    /// The file as text through 1 MiB reads: Sep's <c>FromFile</c> reads through a 4 KiB file buffer, and at 10^6 rows
    /// the reads were about a sixth of the load's samples (session 11 profile). Same decoding as <c>FromFile</c>'s reader: UTF-8, a byte order mark honoured.
    /// </summary>
    private static StreamReader OpenText(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferBytes, FileOptions.SequentialScan),
            System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, ReadBufferBytes);

    private const int ReadBufferBytes = 1 << 20;
}
