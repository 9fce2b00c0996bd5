using System.Text;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>The .study text of a declaration as one line: comments dropped, whitespace runs outside strings made one space.</summary>
internal static class SourceSnippet
{
    public static string Normalize(SourceText source, TextSpan span)
    {
        var text = source.Text;
        var end = span.End;
        var builder = new StringBuilder(span.Length);
        var pendingSpace = false;
        var i = span.Start;
        while (i < end)
        {
            var c = text[i];
            if (c == '/' && i + 1 < end && text[i + 1] == '/')
            {
                while (i < end && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                pendingSpace = true;
                continue;
            }

            if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, end - i - 2, System.StringComparison.Ordinal);
                i = close < 0 ? end : close + 2;
                pendingSpace = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                i++;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            if (c == '"')
            {
                var start = i++;
                while (i < end && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i = System.Math.Min(i + 1, end);
                builder.Append(text, start, i - start);
                continue;
            }

            builder.Append(c);
            i++;
        }

        return builder.ToString();
    }
}
