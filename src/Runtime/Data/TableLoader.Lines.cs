using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The load of a CSV file with one row per line (<see cref="CsvLayout.OneRowPerLine"/>: no quotes, the usual case), in two
/// passes: the parts of the file are split and parsed on every core at once (<see cref="CsvPartReader"/>), then each part
/// in file order has its rows numbered, its text cells coded, its keys and links checked, and every line with a problem
/// read again by the same code as the general reader (<see cref="ReadCell"/>), so rows, problems, their order and their
/// messages are what one reader gives. A file with quotes goes through <see cref="ReadRows"/> (Sep) on one thread.
/// </summary>
internal sealed partial class TableLoader
{
    /// <summary>Parts to cut a file into (one per core); tests raise it to cut small files.</summary>
    internal static int MaxParts { get; set; } = Environment.ProcessorCount;

    /// <summary>The smallest share of data bytes worth a part of its own (the cost of a part is a task and two buffers).</summary>
    internal static long MinBytesPerPart { get; set; } = 1 << 20;

    private KeySet? ReadRowsByLine(string path, CsvLayout layout)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var headerLine = ReadHeaderLine(file, layout);
        if (headerLine.Length == 0)
        {
            _problems.Add(DataProblemCodes.EmptyFile, 0, null, DataMessages.EmptyFile(_table));
            return null;
        }

        // Without quotes a comma always separates fields, in the header as in the rows.
        var headerCount = ReadHeader([.. headerLine.Split(',')]).Count;
        var fields = _columns.Where(c => c.FileIndex >= 0).OrderBy(c => c.FileIndex).ToArray();
        var keyColumn = Find(_table.Key);
        var expected = ExpectedRows(layout.Lines);
        var keys = keyColumn is { FileIndex: >= 0 } ? keyColumn.CreateKeySet(expected) : null;
        var link = LinkColumn();
        // A slot for every line's position, where the first pass writes; only the columns the file lacks are filled with missing.
        foreach (var column in fields)
        {
            column.AllocateUnfilled(expected);
        }

        Reserve(expected);
        Array.Resize(ref _sourceRows, Math.Max(_sourceRows.Length, expected));

        var plans = new FieldPlan[headerCount];
        var texts = new List<TextColumn>();
        for (var i = 0; i < plans.Length; i++)
        {
            var column = fields.FirstOrDefault(c => c.FileIndex == i);
            var required = column is not null && (!column.Schema.Optional || column == keyColumn);
            plans[i] = new FieldPlan(column, required, column is TextColumn text ? Add(texts, text) : -1);
        }

        var moved = fields.Where(c => c is not TextColumn).ToArray();
        var readers = layout.Parts.Select(p => new CsvPartReader(p, plans, texts.Count)).ToArray();
        var tasks = new Task[readers.Length];
        for (var i = 1; i < readers.Length; i++)
        {
            var reader = readers[i];
            tasks[i] = Task.Run(() => reader.Read(file));
        }

        try
        {
            for (var i = 0; i < readers.Length; i++)
            {
                if (i == 0)
                {
                    // The first part is placed as it is read, while the others are still parsed: it needs no text buffer.
                    var first = readers[0];
                    first.Read(file, line => PlaceLine(first, line, fields, moved, texts, headerCount, keys, keyColumn, link));
                    continue;
                }

                tasks[i].GetAwaiter().GetResult();
                var part = readers[i];
                for (var line = 0; line < part.Part.Lines; line++)
                {
                    PlaceLine(part, line, fields, moved, texts, headerCount, keys, keyColumn, link);
                }
            }
        }
        finally
        {
            // Nothing may still read the file or write the columns once this returns (an error in one part ends them all).
            foreach (var task in tasks.Where(t => t is not null))
            {
                task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            }
        }

        if (_rowsRead == 0)
        {
            _problems.Add(DataProblemCodes.NoRows, 0, null, DataMessages.NoRows(_table));
        }

        return _problems.HasFatal ? null : keys;
    }

    private static int Add(List<TextColumn> texts, TextColumn text)
    {
        texts.Add(text);
        return texts.Count - 1;
    }

    /// <summary>The header line's text, without its byte order mark or line break (empty when the file is).</summary>
    private static string ReadHeaderLine(Microsoft.Win32.SafeHandles.SafeFileHandle file, CsvLayout layout)
    {
        var bytes = new byte[layout.HeaderEnd - layout.HeaderStart];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), layout.HeaderStart + read) is var n and > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(bytes, 0, read).TrimEnd('\n').TrimEnd('\r');
    }

    /// <summary>The second pass over one line of a part, in file order: what <see cref="ReadRows"/> does per row, with the cells already parsed.</summary>
    private void PlaceLine(
        CsvPartReader part, int index, ColumnBuilder[] fields, ColumnBuilder[] moved, List<TextColumn> texts, int headerCount,
        KeySet? keys, ColumnBuilder? keyColumn, ColumnBuilder? link)
    {
        var kind = part.KindOf(index);
        if (kind == LineKind.Blank)
        {
            return;
        }

        var position = part.Part.FirstPosition + index;
        StartRow(position + 2);   // line 1 is the header
        if (kind == LineKind.Replay)
        {
            if (!ReplayLine(part.ReplayText(index), fields, headerCount, keyColumn))
            {
                EndRow();
                return;
            }
        }
        else
        {
            if (_kept != position)
            {
                foreach (var column in moved)
                {
                    column.Move(position, _kept);
                }
            }

            for (var t = 0; t < texts.Count; t++)
            {
                var present = part.TryGetText(t, index, out var cell);
                texts[t].Take(present, cell, _kept);
            }
        }

        CheckKeyAndLink(keys, keyColumn, link);
        EndRow();
    }

    /// <summary>A line the first pass found a problem in, read and reported as <see cref="ReadRows"/> reads a row; false when its field count is wrong.</summary>
    private bool ReplayLine(string line, ColumnBuilder[] fields, int headerCount, ColumnBuilder? keyColumn)
    {
        var cells = line.Split(',');
        if (cells.Length != headerCount)
        {
            Report(DataProblemCodes.FieldCount, null, DataMessages.FieldCount(cells.Length, headerCount, _line, _line));
            return false;
        }

        foreach (var column in fields)
        {
            ReadCell(column, cells[column.FileIndex], column == keyColumn);
        }

        return true;
    }
}
