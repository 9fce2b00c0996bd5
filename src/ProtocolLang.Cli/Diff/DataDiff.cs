using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace ProtocolLang.Cli.Diff;

/// <summary>One cell of a row that differs: <c>ck 11582 → 50</c>.</summary>
internal sealed record CellChange(string Column, string Old, string New);

/// <summary>A row whose subject is on both sides but whose values differ.</summary>
internal sealed record RowChange(string Subject, IReadOnlyList<CellChange> Cells);

/// <summary>Rows added, removed and changed in one table's file, by subject id (the file's first column).</summary>
internal sealed record RowDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<RowChange> Changed,
    IReadOnlyList<string> ColumnsAdded,
    IReadOnlyList<string> ColumnsRemoved);

/// <summary>
/// A table's data file compared row by row. Rows are matched by the first column (the subject id of a subject table and of
/// the child tables linked to it, as the example's <c>id</c>): within one subject, identical rows pair first, then the rest
/// pair in file order (a changed row), and what is left over is added or removed.
/// </summary>
internal static class DataDiff
{
    public static RowDiff Compare(string oldFile, string newFile)
    {
        var (oldHeader, oldRows) = Read(oldFile);
        var (newHeader, newRows) = Read(newFile);
        var added = new List<string>();
        var removed = new List<string>();
        var changed = new List<RowChange>();
        var oldBySubject = oldRows.GroupBy(r => r[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var newBySubject = newRows.GroupBy(r => r[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var subject in oldBySubject.Keys.Concat(newBySubject.Keys.Where(k => !oldBySubject.ContainsKey(k))))
        {
            var before = oldBySubject.TryGetValue(subject, out var o) ? o : [];
            var after = newBySubject.TryGetValue(subject, out var n) ? n : [];
            var leftOld = Unmatched(before, after, oldHeader, newHeader);
            var leftNew = Unmatched(after, before, newHeader, oldHeader);
            var pairs = Math.Min(leftOld.Count, leftNew.Count);
            for (var i = 0; i < pairs; i++)
            {
                changed.Add(new RowChange(subject, Cells(leftOld[i], leftNew[i], oldHeader, newHeader)));
            }

            removed.AddRange(Enumerable.Repeat(subject, leftOld.Count - pairs));
            added.AddRange(Enumerable.Repeat(subject, leftNew.Count - pairs));
        }

        return new RowDiff(added, removed, changed, newHeader.Except(oldHeader).ToArray(), oldHeader.Except(newHeader).ToArray());
    }

    /// <summary>The rows of <paramref name="rows"/> with no equal row among <paramref name="others"/> (each other row pairs once), in order.</summary>
    private static List<string[]> Unmatched(List<string[]> rows, List<string[]> others, string[] header, string[] otherHeader)
    {
        var pool = others.Select(r => Canonical(r, otherHeader)).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var left = new List<string[]>();
        foreach (var row in rows)
        {
            var text = Canonical(row, header);
            if (pool.TryGetValue(text, out var count) && count > 0)
            {
                pool[text] = count - 1;
            }
            else
            {
                left.Add(row);
            }
        }

        return left;
    }

    /// <summary>A row as column=value pairs in column-name order, so a reordering of columns is no change.</summary>
    private static string Canonical(string[] row, string[] header) =>
        string.Join("\u001f", header.Select((h, i) => (h, v: i < row.Length ? row[i] : string.Empty)).OrderBy(p => p.h, StringComparer.Ordinal).Select(p => p.h + "=" + p.v));

    private static List<CellChange> Cells(string[] old, string[] @new, string[] oldHeader, string[] newHeader)
    {
        var cells = new List<CellChange>();
        for (var i = 0; i < newHeader.Length; i++)
        {
            var j = Array.IndexOf(oldHeader, newHeader[i]);
            if (j < 0)
            {
                continue;
            }

            var a = j < old.Length ? old[j] : string.Empty;
            var b = i < @new.Length ? @new[i] : string.Empty;
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                cells.Add(new CellChange(newHeader[i], a, b));
            }
        }

        return cells;
    }

    /// <exception cref="IOException">The file cannot be read.</exception>
    private static (string[] Header, List<string[]> Rows) Read(string file)
    {
        using var reader = Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .FromFile(file);
        if (!reader.MoveNext())
        {
            return ([], []);
        }

        var header = Strings(reader.Current);
        var rows = new List<string[]>();
        while (reader.MoveNext())
        {
            if (reader.Current is { ColCount: 1, Span.Length: 0 })
            {
                continue;   // a blank line holds no row, as the runtime reads it
            }

            rows.Add(Strings(reader.Current));
        }

        return (header, rows);
    }

    private static string[] Strings(SepReader.Row row)
    {
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }

        return cells;
    }
}
