using System.Collections.Generic;
using ProtocolLang.Diagnostics;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax.Lexing;

internal enum TokenKind
{
    Word,
    Number,
    String,
    Symbol,

    /// <summary>A character that starts no token, e.g. <c>@</c>; the parser reports it where it is met.</summary>
    Unknown,
}

/// <summary>A token of the coarse scan: enough to split declarations and check nesting, not to parse.</summary>
internal readonly record struct StudyToken(TokenKind Kind, int Start, int End, bool FirstOnLine, bool HasError)
{
    public TextSpan Span => TextSpan.FromBounds(Start, End);

    public bool Is(string text, string source) =>
        End - Start == text.Length && string.CompareOrdinal(source, Start, text, 0, text.Length) == 0;
}

/// <summary>A lexical error found by the scan; the declaration holding it is not given to Sprache.</summary>
internal readonly record struct LexicalError(DiagnosticDescriptor Descriptor, TextSpan Span, string Argument);

/// <summary>
/// Splits the whole text into coarse tokens once (strings and comments understood), recording
/// lexical errors: unterminated strings and block comments, bad escapes, malformed numbers.
/// Linear in the length of the text.
/// </summary>
internal sealed class StudyTokenizer
{
    private StudyTokenizer(List<StudyToken> tokens, List<LexicalError> errors, int unterminatedComment)
    {
        Tokens = tokens;
        Errors = errors;
        UnterminatedComment = unterminatedComment;
    }

    public List<StudyToken> Tokens { get; }

    public List<LexicalError> Errors { get; }

    /// <summary>Offset of an unterminated <c>/*</c>, or -1.</summary>
    public int UnterminatedComment { get; }

    public static StudyTokenizer Tokenize(string text)
    {
        var tokens = new List<StudyToken>();
        var errors = new List<LexicalError>();
        var end = text.Length;
        var p = 0;
        var unterminatedComment = -1;
        var lastTokenEnd = 0;
        var levels = new CategoryLevelTracker();
        while (true)
        {
            var next = Lexeme.SkipTrivia(text, p, end, out var openComment);
            if (openComment >= 0)
            {
                unterminatedComment = openComment;
                errors.Add(new LexicalError(DiagnosticDescriptors.UnterminatedComment, new TextSpan(openComment, 2), "/*"));
            }

            if (next >= end)
            {
                break;
            }

            var firstOnLine = tokens.Count == 0 || ContainsLineBreak(text, lastTokenEnd, next);
            var c = text[next];
            StudyToken token;
            if (Lexeme.IsWordStart(c))
            {
                token = new StudyToken(TokenKind.Word, next, Lexeme.ScanWord(text, next, end), firstOnLine, false);
            }
            else if (Lexeme.IsDigit(c))
            {
                var tokenEnd = Lexeme.ScanNumberLexeme(text, next, end);
                var valid = Lexeme.IsValidNumber(text, next, tokenEnd);
                token = new StudyToken(TokenKind.Number, next, tokenEnd, firstOnLine, !valid);
                if (!valid && levels.Inside)
                {
                    var level = CategoryLevelTracker.LevelSpan(text, levels.LevelStart, end);
                    errors.Add(new LexicalError(DiagnosticDescriptors.LevelNeedsQuotes, level, text.Substring(level.Start, level.Length)));
                }
                else if (!valid)
                {
                    errors.Add(new LexicalError(DiagnosticDescriptors.InvalidNumber, token.Span, text.Substring(next, tokenEnd - next)));
                }
            }
            else if (c == '"')
            {
                var tokenEnd = Lexeme.ScanString(text, next, end, out _, out var terminated, out var badEscape);
                token = new StudyToken(TokenKind.String, next, tokenEnd, firstOnLine, !terminated || badEscape >= 0);
                if (!terminated)
                {
                    errors.Add(new LexicalError(DiagnosticDescriptors.UnterminatedString, new TextSpan(next, 1), "\""));
                }
                else if (badEscape >= 0)
                {
                    errors.Add(new LexicalError(DiagnosticDescriptors.InvalidEscape, new TextSpan(badEscape, 2), text.Substring(badEscape, 2)));
                }
            }
            else if (Lexeme.ScanSymbol(text, next, end) is { } symbol)
            {
                token = new StudyToken(TokenKind.Symbol, next, next + symbol.Length, firstOnLine, false);
            }
            else
            {
                // A U+FFFD outside a string is reported as invalid UTF-8 below, not again by the parser.
                var width = char.IsHighSurrogate(c) && next + 1 < end ? 2 : 1;
                token = new StudyToken(TokenKind.Unknown, next, next + width, firstOnLine, c == Utf8Text.ReplacementCharacter);
            }

            tokens.Add(token);
            levels.See(token, text);
            lastTokenEnd = token.End;
            p = token.End;
        }

        AddInvalidUtf8(text, errors);
        return new StudyTokenizer(tokens, errors, unterminatedComment);
    }

    /// <summary>One PL1016 per run of U+FFFD, wherever it is (code, string or comment): see <see cref="Utf8Text"/>.</summary>
    private static void AddInvalidUtf8(string text, List<LexicalError> errors)
    {
        for (var i = text.IndexOf(Utf8Text.ReplacementCharacter); i >= 0 && i < text.Length; i = text.IndexOf(Utf8Text.ReplacementCharacter, i))
        {
            var start = i;
            while (i < text.Length && text[i] == Utf8Text.ReplacementCharacter)
            {
                i++;
            }

            errors.Add(new LexicalError(DiagnosticDescriptors.InvalidUtf8, TextSpan.FromBounds(start, i), (i - start).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static bool ContainsLineBreak(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] == '\n' || text[i] == '\r')
            {
                return true;
            }
        }

        return false;
    }
}
