using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ProtocolLang.Runtime.Data;

/// <summary>What the first pass found in a data line.</summary>
internal enum LineKind : byte
{
    /// <summary>Every cell parsed, in range and present where required: its values are in the columns at its position.</summary>
    Clean,

    /// <summary>Empty: no row (as the general reader skips blank lines).</summary>
    Blank,

    /// <summary>Some problem (a cell, the field count): the line's text is kept and read again in order, by the code that reports.</summary>
    Replay,
}

/// <summary>
/// The first pass over one <see cref="CsvPart"/> of a file with one row per line: splits lines and fields (vectorised
/// <c>IndexOf</c>) and parses every cell into the columns' slot at the line's position, which is the row's slot unless
/// rows before it are excluded. Parts run on different threads: each writes only its own positions, reads the schema,
/// and keeps a text column's cells as spans into its own buffer (the column's dictionary is filled in file order later,
/// by <see cref="TableLoader"/>, as are keys, links and every problem, so numbering and order match one reader's).
/// </summary>
internal sealed class CsvPartReader
{
    private const int ReadBytes = 1 << 20;

    private readonly CsvPart _part;
    private readonly FieldPlan[] _fields;
    private readonly int _textFields;
    private readonly Dictionary<int, string> _replays = [];

    // Made by Read, on the thread that parses the part, so each part's memory is first touched there.
    private LineKind[] _kinds = [];

    // Per text field: its cells' characters one after another, and per line where its cell ends (a missing cell as the
    // complement, ~end, of where it would), so a cell starts where the line before ended: one int a line, not two.
    private int[][] _textEnds = [];
    private char[][] _textChars = [];
    private int[] _textCounts = [];
    private Action<int>? _placeLine;

    public CsvPartReader(CsvPart part, FieldPlan[] fields, int textFields)
    {
        _part = part;
        _fields = fields;
        _textFields = textFields;
    }

    public CsvPart Part => _part;

    /// <summary>The kind of the part's line <paramref name="index"/> (0-based within the part).</summary>
    public LineKind KindOf(int index) => _kinds[index];

    /// <summary>A <see cref="LineKind.Replay"/> line's text (without its line break).</summary>
    public string ReplayText(int index) => _replays[index];

    /// <summary>The cell of text field <paramref name="textField"/> on line <paramref name="index"/>; false when missing.</summary>
    public bool TryGetText(int textField, int index, out ReadOnlySpan<char> cell)
    {
        var ends = _textEnds[textField];
        var start = index == 0 || _placeLine is not null ? 0 : EndOf(ends[index - 1]);
        var end = ends[index];
        cell = end < 0 ? default : _textChars[textField].AsSpan(start, end - start);
        return end >= 0;
    }

    private static int EndOf(int end) => end < 0 ? ~end : end;

    /// <exception cref="IOException">The file cannot be read or changed while it was read.</exception>
    /// <param name="placeLine">When given, called after each line (with its index) and the line's text then let go: the part
    /// is placed while it is read, on this thread, and holds one line's text at a time instead of the whole part's.</param>
    public void Read(SafeFileHandle file, Action<int>? placeLine = null)
    {
        _placeLine = placeLine;
        Allocate();
        var bytes = ArrayPool<byte>.Shared.Rent(ReadBytes);
        var chars = ArrayPool<char>.Shared.Rent(ReadBytes);
        try
        {
            var offset = _part.Start;
            var carry = 0;
            var index = 0;
            while (offset < _part.End)
            {
                if (carry == bytes.Length)
                {
                    Grow(ref bytes, ref chars);   // a line longer than the buffer
                }

                var want = (int)Math.Min(bytes.Length - carry, _part.End - offset);
                var read = RandomAccess.Read(file, bytes.AsSpan(carry, want), offset);
                if (read <= 0)
                {
                    throw new IOException("The file became shorter while it was read.");
                }

                offset += read;
                var span = bytes.AsSpan(0, carry + read);
                var last = offset >= _part.End;
                var cut = last ? span.Length : span.LastIndexOf((byte)'\n') + 1;
                if (cut > 0)
                {
                    // Whole lines only: a '\n' byte is never inside a UTF-8 sequence, so no character is cut.
                    var count = Encoding.UTF8.GetChars(span[..cut], chars);
                    index = ReadLines(chars.AsSpan(0, count), index);
                }

                span[cut..].CopyTo(bytes);
                carry = span.Length - cut;
            }

            if (index != _part.Lines)
            {
                throw new IOException("The file changed while it was read.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void Allocate()
    {
        _kinds = new LineKind[_part.Lines];
        _textEnds = new int[_textFields][];
        _textChars = new char[_textFields][];
        _textCounts = new int[_textFields];
        for (var t = 0; t < _textFields; t++)
        {
            _textEnds[t] = new int[_part.Lines];

            // Ids and codes are short: about ten characters a cell, never more than the part's bytes (grown if need be).
            _textChars[t] = new char[_placeLine is not null ? 256 : (int)Math.Clamp(Math.Min(_part.Lines * 10L, _part.End - _part.Start), 16, Array.MaxLength)];
        }
    }

    private static void Grow(ref byte[] bytes, ref char[] chars)
    {
        var larger = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
        bytes.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(bytes);
        bytes = larger;
        ArrayPool<char>.Shared.Return(chars);
        chars = ArrayPool<char>.Shared.Rent(bytes.Length);
    }

    /// <summary>The lines of <paramref name="text"/>, which ends with a line break unless it is the part's end (a last line without one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // a one-pass load runs mostly before tier-1 code would exist (docs/performance.md, Session 13)
    private int ReadLines(ReadOnlySpan<char> text, int index)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            if (index >= _kinds.Length)
            {
                throw new IOException("The file changed while it was read.");
            }

            ReadLine(line.EndsWith('\r') ? line[..^1] : line, index);
            if (_placeLine is not null)
            {
                _placeLine(index);
                _textCounts.AsSpan().Clear();   // the next line's text starts at 0 (see TryGetText)
                _replays.Remove(index);
            }

            index++;
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadLine(ReadOnlySpan<char> line, int index)
    {
        if (line.IsEmpty)
        {
            _kinds[index] = LineKind.Blank;
            EndText(index);
            return;
        }

        var position = _part.FirstPosition + index;
        var rest = line;
        var fields = _fields;
        for (var f = 0; f < fields.Length; f++)
        {
            ReadOnlySpan<char> cell;
            var comma = rest.IndexOf(',');
            if (f == fields.Length - 1)
            {
                if (comma >= 0)
                {
                    Replay(line, index);   // more fields than the header
                    return;
                }

                cell = rest;
            }
            else
            {
                if (comma < 0)
                {
                    Replay(line, index);   // fewer fields than the header
                    return;
                }

                cell = rest[..comma];
                rest = rest[(comma + 1)..];
            }

            if (!ReadCell(fields[f], cell, position, index))
            {
                Replay(line, index);
                return;
            }
        }

        _kinds[index] = LineKind.Clean;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadCell(FieldPlan field, ReadOnlySpan<char> cell, int position, int index)
    {
        if (field.Column is not { } column)
        {
            return true;   // a column the study does not read (an undeclared or ambiguous header)
        }

        if (CellParser.IsMissing(cell))
        {
            if (field.Required)
            {
                return false;
            }

            if (field.TextField >= 0)
            {
                _textEnds[field.TextField][index] = ~_textCounts[field.TextField];
            }
            else
            {
                column.SetMissing(position);
            }

            return true;
        }

        if (field.TextField >= 0)
        {
            AddText(field.TextField, cell, index);
            return true;
        }

        return column.Parse(cell, position) == CellStatus.Ok;
    }

    private void AddText(int textField, ReadOnlySpan<char> cell, int index)
    {
        var count = _textCounts[textField];
        ref var chars = ref _textChars[textField];
        if (count + cell.Length > chars.Length)
        {
            Array.Resize(ref chars, (int)Math.Min(Math.Max(chars.Length * 2L, count + cell.Length), Array.MaxLength));
        }

        cell.CopyTo(chars.AsSpan(count));
        _textCounts[textField] = count + cell.Length;
        _textEnds[textField][index] = count + cell.Length;
    }

    /// <summary>A line that is not clean holds no text; its ends are set all the same, since the next line's cells start there.</summary>
    private void EndText(int index)
    {
        for (var t = 0; t < _textFields; t++)
        {
            _textEnds[t][index] = _textCounts[t];
        }
    }

    private void Replay(ReadOnlySpan<char> line, int index)
    {
        _kinds[index] = LineKind.Replay;
        _replays[index] = line.ToString();
        EndText(index);
    }
}

/// <summary>How the first pass treats one field of the header: its column (null = not read), whether a missing cell is a
/// problem (not optional, or the key), and for a text column its index among the text fields (-1 otherwise).</summary>
internal sealed record FieldPlan(ColumnBuilder? Column, bool Required, int TextField);
