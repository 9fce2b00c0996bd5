using System;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolLang.Generator.Tests.TestHelpers;

internal static class TextPositions
{
    /// <summary>
    /// The zero-based line and column of <paramref name="token"/> where it follows
    /// <paramref name="before"/> (which must occur once), so tests name positions by their text.
    /// </summary>
    public static LinePosition Of(string text, string before, string token)
    {
        var at = text.IndexOf(before + token, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(before + token, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{before}{token}' must occur exactly once.");
        }

        var offset = at + before.Length;
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new LinePosition(line, offset - lineStart);
    }
}
