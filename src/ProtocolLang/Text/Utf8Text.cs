using System.Text;

namespace ProtocolLang.Text;

/// <summary>
/// A <c>.study</c> file is UTF-8. Bytes that are not are never dropped silently: each maximal
/// invalid sequence is decoded to one U+FFFD (the Unicode Standard's recommended practice, §3.9,
/// and what .NET's decoder does), and the parser reports every run of U+FFFD as PL1016 at its line
/// and column. The same rule covers both hosts:
/// <list type="bullet">
/// <item>the CLI reads the bytes itself (<see cref="Decode"/>): UTF-8 only, a UTF-8 byte-order
/// mark removed, no guessing of other encodings;</item>
/// <item>the generator receives text Roslyn already decoded. Roslyn decodes a file that is not valid
/// UTF-8 as Windows-1252 (or Latin-1) instead; <see cref="Redecode"/> turns such text back into
/// its bytes (both are one byte per character) and decodes those as UTF-8, so the invalid bytes
/// again become U+FFFD at the place they are.</item>
/// </list>
/// A U+FFFD written in the file on purpose is reported too: it cannot be told apart from a
/// decoding loss, and a study has no use for it.
/// </summary>
public static class Utf8Text
{
    public const char ReplacementCharacter = '\uFFFD';

    private static readonly UTF8Encoding Replacing = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The text of UTF-8 <paramref name="bytes"/>, a leading byte-order mark removed, invalid sequences as U+FFFD.</summary>
    public static string Decode(byte[] bytes)
    {
        var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Replacing.GetString(bytes, skip, bytes.Length - skip);
    }

    /// <summary>
    /// Text a host decoded with <paramref name="encoding"/>: unchanged unless that is Roslyn's
    /// single-byte fallback for files that are not UTF-8, else re-decoded as UTF-8 (see the class remarks).
    /// </summary>
    public static string Redecode(string text, Encoding? encoding)
    {
        if (text is null || encoding is null || encoding.CodePage is not (1252 or 28591))
        {
            return text ?? string.Empty;
        }

        return Decode(encoding.GetBytes(text));
    }
}
