using System;
using System.Collections.Generic;

namespace ProtocolLang.Text;

/// <summary>
/// The text of a <c>.study</c> file with its line starts. The one place that converts offsets
/// to line/column (Sprache's 1-based positions are converted to offsets by the parser first).
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        _lineStarts = ComputeLineStarts(text);
    }

    public string Path { get; }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    public LinePosition GetLinePosition(int offset)
    {
        if (offset < 0 || offset > Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - _lineStarts[line]);
    }

    /// <summary>Offset of a zero-based line and character.</summary>
    public int GetOffset(int line, int character) => _lineStarts[line] + character;

    public SourceLocation GetLocation(TextSpan span) =>
        new(Path, span, new LinePositionSpan(GetLinePosition(span.Start), GetLinePosition(span.End)));

    /// <summary>The text of a zero-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text.Substring(start, end - start);
    }

    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
