using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// Reads ClickHouse's <c>TabSeparatedWithNamesAndTypes</c> output one row at a time, holding only the current row
/// (a 10^7-row answer never sits in memory). Format (ClickHouse docs, "Formats: TabSeparated"): a line of column
/// names, a line of type names, then one line per row; fields are separated by tabs, and inside a field a backslash
/// escapes <c>\t \n \r \0 \b \f \\ \'</c> (names and types are escaped the same way); a whole field <c>\N</c> is NULL.
/// </summary>
/// <remarks>
/// An error after the server has begun to stream (status 200 already sent) arrives as a line
/// <c>Code: N, e.displayText() = DB::Exception: ...</c> in the body; 18.16 has no setting to flag it otherwise, so a
/// line of that form, or of the wrong width, or a body cut off inside a row, ends the read with a
/// <see cref="ClickHouseException"/> instead of rows that look like data.
/// </remarks>
internal sealed partial class ClickHouseTsvReader : IDisposable
{
    private readonly TextReader _text;
    private readonly CountingStream _counted;
    private readonly IDisposable? _owner;
    private readonly Func<Exception, Exception> _onFailure;
    private readonly CancellationToken _cancel;
    private readonly Func<string, ClickHouseException> _serverError;
    private char[] _row = new char[256];
    private int _rowLength;
    private readonly List<(int Start, int Length, bool IsNull)> _fields = [];

    private ClickHouseTsvReader(Stream body, IDisposable? owner, CancellationToken cancel, Func<Exception, Exception> onFailure, Func<string, ClickHouseException> serverError)
    {
        _counted = new CountingStream(body, cancel);
        _text = new StreamReader(_counted, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        _owner = owner;
        _onFailure = onFailure;
        _cancel = cancel;
        _serverError = serverError;
        Names = ReadHeader("column names");
        Types = ReadHeader("column types");
        if (Types.Count != Names.Count)
        {
            throw Protocol($"{Names.Count} column names but {Types.Count} type names");
        }
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>ClickHouse's type names, e.g. <c>Nullable(Float64)</c>.</summary>
    public IReadOnlyList<string> Types { get; }

    public int FieldCount => Names.Count;

    /// <summary>Rows read so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Bytes of the body received so far (the "bytes transferred" of provenance).</summary>
    public long BytesRead => _counted.Count;

    /// <summary>
    /// A reader over <paramref name="body"/>, which it disposes along with <paramref name="owner"/>. Every read of the
    /// body honours <paramref name="cancel"/> (the request's deadline), so a stalled server cannot block a read past it,
    /// and an end of the body after cancellation is never taken for the end of the answer.
    /// <paramref name="onFailure"/> turns an exception of the stream (a cancelled or broken read) into the one to
    /// throw; <paramref name="serverError"/> words the server's own error text.
    /// </summary>
    /// <exception cref="ClickHouseException">The two header lines are missing or malformed.</exception>
    public static ClickHouseTsvReader Open(
        Stream body, IDisposable? owner, CancellationToken cancel, Func<Exception, Exception> onFailure, Func<string, ClickHouseException> serverError)
    {
        try
        {
            return new ClickHouseTsvReader(body, owner, cancel, onFailure, serverError);
        }
        catch
        {
            body.Dispose();
            owner?.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row; false at the end of the answer.</summary>
    /// <exception cref="ClickHouseException">The server reported an error mid-answer, the answer broke off, or a row has the wrong width.</exception>
    public bool Read()
    {
        if (!ReadLine())
        {
            return false;
        }

        if (_fields.Count != FieldCount || (FieldCount == 1 && LooksLikeServerError()))
        {
            throw LooksLikeServerError()
                ? _serverError(new string(_row, 0, _rowLength) + ReadRest())
                : Protocol($"row {RowCount + 1} has {_fields.Count} fields, expected {FieldCount}");
        }

        RowCount++;
        return true;
    }

    public bool IsNull(int ordinal) => _fields[ordinal].IsNull;

    /// <summary>The field's unescaped text, valid until the next <see cref="Read"/>; empty for NULL (ask <see cref="IsNull"/>).</summary>
    public ReadOnlySpan<char> GetSpan(int ordinal)
    {
        var (start, length, _) = _fields[ordinal];
        return _row.AsSpan(start, length);
    }

    /// <exception cref="InvalidOperationException">The field is NULL.</exception>
    public string GetString(int ordinal) =>
        IsNull(ordinal) ? throw new InvalidOperationException($"Column '{Names[ordinal]}' is NULL in row {RowCount}.") : GetSpan(ordinal).ToString();

    public void Dispose()
    {
        _text.Dispose();
        _owner?.Dispose();
    }

    private List<string> ReadHeader(string what)
    {
        if (!ReadLine())
        {
            throw Protocol($"the answer ended before its line of {what}");
        }

        if (LooksLikeServerError())
        {
            throw _serverError(new string(_row, 0, _rowLength) + ReadRest());
        }

        var names = new List<string>(_fields.Count);
        for (var i = 0; i < _fields.Count; i++)
        {
            names.Add(GetSpan(i).ToString());
        }

        return names;
    }

    /// <summary>One line into <see cref="_row"/> (unescaped) and <see cref="_fields"/>; false at a clean end of input.</summary>
    private bool ReadLine()
    {
        _rowLength = 0;
        _fields.Clear();
        var start = 0;
        var isNull = false;
        while (true)
        {
            var c = Next();
            switch (c)
            {
                case -1 when _rowLength == 0 && _fields.Count == 0 && !isNull:
                    return false;
                case -1:
                    throw LooksLikeServerError() ? _serverError(new string(_row, 0, _rowLength)) : Protocol($"the answer broke off inside row {RowCount + 1}");
                case '\t' or '\n':
                    _fields.Add((start, _rowLength - start, isNull));
                    if (c == '\n')
                    {
                        return true;
                    }

                    start = _rowLength;
                    isNull = false;
                    break;
                case '\\':
                    var escaped = Next();
                    if (escaped == 'N' && _rowLength == start && Peek() is '\t' or '\n' or -1)
                    {
                        isNull = true;   // \N alone is NULL; a text "\N" comes as "\\N"
                        break;
                    }

                    Append(escaped switch
                    {
                        't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', 'a' => '\a', 'v' => '\v',
                        -1 => throw Protocol($"the answer broke off inside an escape in row {RowCount + 1}"),
                        _ => (char)escaped,   // \\ \' and any other: the character itself, as ClickHouse reads them
                    });
                    break;
                default:
                    Append((char)c);
                    break;
            }
        }
    }

    private int Next()
    {
        try
        {
            var c = _text.Read();
            if (c < 0 && _cancel.IsCancellationRequested)
            {
                throw _onFailure(new OperationCanceledException(_cancel));
            }

            return c;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw _onFailure(e);
        }
    }

    private int Peek()
    {
        try
        {
            return _text.Peek();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            throw _onFailure(e);
        }
    }

    private void Append(char c)
    {
        if (_rowLength == _row.Length)
        {
            Array.Resize(ref _row, _row.Length * 2);
        }

        _row[_rowLength++] = c;
    }

    private string ReadRest()
    {
        try
        {
            return _text.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return "";
        }
    }

    private bool LooksLikeServerError() => ServerErrorLine().IsMatch(_row.AsSpan(0, _rowLength));

    private ClickHouseException Protocol(string what) =>
        new(ClickHouseFailure.Protocol, "ClickHouse's answer is not TabSeparatedWithNamesAndTypes as expected: " + what + ".");

    [GeneratedRegex(@"^Code: \d+, e\.displayText\(\) = ")]
    private static partial Regex ServerErrorLine();

    /// <summary>
    /// Counts the bytes that pass, for provenance, and reads through <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>
    /// with the deadline's token: HttpClient's content stream aborts a cancelled read cleanly, where disposing it
    /// under a blocked synchronous read races with StreamReader's own state. Read-only.
    /// </summary>
    private sealed class CountingStream(Stream inner, CancellationToken cancel) : Stream
    {
        private byte[] _scratch = [];

        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Blocking on the task is deliberate: the loader is synchronous, and this thread has nothing else to do.
            var read = inner.ReadAsync(buffer.AsMemory(offset, count), cancel).AsTask().GetAwaiter().GetResult();
            Count += read;
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            if (_scratch.Length < buffer.Length)
            {
                _scratch = new byte[buffer.Length];
            }

            var read = Read(_scratch, 0, buffer.Length);
            _scratch.AsSpan(0, read).CopyTo(buffer);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
