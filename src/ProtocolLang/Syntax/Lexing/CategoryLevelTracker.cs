using ProtocolLang.Text;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>
/// Knows, during the coarse scan, whether the next token is inside the level list of <c>category(...)</c>, so a
/// level like <c>5FU</c> (a malformed number) is reported as a level to quote (PL1030) rather than as a bad number.
/// </summary>
internal struct CategoryLevelTracker
{
    private bool _afterCategory;

    /// <summary>Whether the scan is between <c>category(</c> and its <c>)</c>.</summary>
    public bool Inside { get; private set; }

    /// <summary>Where the current level starts: just after the <c>(</c> or <c>,</c> before it.</summary>
    public int LevelStart { get; private set; }

    public void See(StudyToken token, string text)
    {
        if (Inside)
        {
            Inside = !(token.Kind == TokenKind.Symbol && token.Is(")", text));
            if (token.Kind == TokenKind.Symbol && token.Is(",", text))
            {
                LevelStart = token.End;
            }

            return;
        }

        Inside = _afterCategory && token.Kind == TokenKind.Symbol && token.Is("(", text);
        LevelStart = token.End;
        _afterCategory = token.Kind == TokenKind.Word && token.Is("category", text);
    }

    /// <summary>
    /// The level as the author meant it, from <paramref name="start"/> (a <see cref="LevelStart"/>) to the next <c>,</c>,
    /// <c>)</c>, quote or line end, without surrounding spaces: <c>Lev+5FU</c> in <c>category(Obs, Lev+5FU)</c>.
    /// It is quoted in the hint, so it never holds a quote.
    /// </summary>
    public static TextSpan LevelSpan(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var p = start;
        while (p < end && text[p] is not (',' or ')' or '"' or '\n' or '\r'))
        {
            p++;
        }

        while (p > start && char.IsWhiteSpace(text[p - 1]))
        {
            p--;
        }

        return TextSpan.FromBounds(start, p);
    }
}
