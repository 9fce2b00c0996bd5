using System;
using System.IO;
using ProtocolLang.Diagnostics;
using ProtocolLang.Text;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// Writes diagnostics as a compiler does, followed by the source line and a caret run under the span:
/// <code>
/// study.study(12,5): error PL2003: unknown column 'ck_baseline'; did you mean 'ck'?
///    12 |     ck_baseline: number
///       |     ^^^^^^^^^^^
/// </code>
/// </summary>
internal static class DiagnosticFormatter
{
    /// <remarks>Everything echoed from the study (path, message, source line) is escaped with
    /// <see cref="DisplayText"/>; the caret is placed by display column, so it still sits under the span.</remarks>
    public static void Write(TextWriter writer, SourceText source, Diagnostic diagnostic)
    {
        writer.Write(DisplayText.Escape(diagnostic.ToString()));
        writer.Write('\n');
        var location = diagnostic.Location.LineSpan;
        var line = location.Start.Line;
        if (line < 0 || line >= source.LineCount)
        {
            return;
        }

        var text = source.GetLineText(line);
        var number = (line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        var start = Math.Min(location.Start.Character, text.Length);

        // A span that runs past its first line is underlined to the end of that line.
        var end = location.End.Line == line ? Math.Min(location.End.Character, text.Length) : text.Length;
        var shown = DisplayText.EscapeLine(text, out var columns);
        var width = Math.Max(1, columns[Math.Max(end, start)] - columns[start]);
        writer.Write(" " + number + " | " + shown + "\n");
        writer.Write(" " + gutter + " | " + new string(' ', columns[start]) + new string('^', width) + "\n");
    }
}
