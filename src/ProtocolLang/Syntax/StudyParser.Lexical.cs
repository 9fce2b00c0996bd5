using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ProtocolLang.Syntax.Lexing;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// Token parsers. Each skips leading trivia (whitespace and comments), reads one token with the
/// rules in <see cref="Lexeme"/>, and on failure consumes nothing and reports its position before
/// the trivia, so <c>XOr</c>/<c>XMany</c> can tell "did not start" from "failed half-way".
/// Sprache's <c>String</c>/<c>Char</c> are not used for keywords: they fail part-way into a word.
/// </summary>
public static partial class StudyParser
{
    /// <summary>Words that cannot be names inside an expression.</summary>
    private static readonly HashSet<string> ExpressionKeywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "is", "in", "if", "then", "else", "true", "false", "missing",
    };

    private static SourceInput Window(IInput input) => (SourceInput)input;

    /// <summary>Where the next token of <paramref name="input"/> starts (after trivia).</summary>
    private static int TokenStart(IInput input)
    {
        var window = Window(input);
        return Lexeme.SkipTrivia(window.Source, window.Position, window.End);
    }

    private static IResult<T> Fail<T>(IInput input, string expectation) =>
        Result.Failure<T>(input, "unexpected token", [expectation]);

    private static IResult<T> Fail<T>(IInput input, string[] expectations) =>
        Result.Failure<T>(input, "unexpected token", expectations);

    private static Parser<IdentifierSyntax> Word(string expectation, Func<string, bool>? accept)
    {
        string[] expectations = [expectation];
        return input =>
        {
            var window = Window(input);
            var text = window.Source;
            var start = Lexeme.SkipTrivia(text, window.Position, window.End);
            if (start < window.End && Lexeme.IsWordStart(text[start]))
            {
                var end = Lexeme.ScanWord(text, start, window.End);
                var name = text.Substring(start, end - start);
                if (accept is null || accept(name))
                {
                    return Result.Success(new IdentifierSyntax(name, TextSpan.FromBounds(start, end)), window.At(end));
                }
            }

            return Fail<IdentifierSyntax>(input, expectations);
        };
    }

    /// <summary>Any identifier; keywords are reserved only where the grammar expects them.</summary>
    private static Parser<IdentifierSyntax> Identifier(string expectation) => Word(expectation, null);

    /// <summary>An identifier inside an expression: not one of the expression keywords.</summary>
    private static Parser<IdentifierSyntax> ExpressionIdentifier =>
        Word("an expression", name => !ExpressionKeywords.Contains(name));

    /// <summary>A keyword; compared in place, since most attempts fail and should not allocate.</summary>
    private static Parser<IdentifierSyntax> Keyword(string keyword)
    {
        string[] expectations = ["'" + keyword + "'"];
        return input =>
        {
            var window = Window(input);
            var text = window.Source;
            var start = Lexeme.SkipTrivia(text, window.Position, window.End);
            var end = start + keyword.Length;
            if (end <= window.End
                && string.CompareOrdinal(text, start, keyword, 0, keyword.Length) == 0
                && (end == window.End || !Lexeme.IsWordPart(text[end])))
            {
                return Result.Success(new IdentifierSyntax(keyword, new TextSpan(start, keyword.Length)), window.At(end));
            }

            return Fail<IdentifierSyntax>(input, expectations);
        };
    }

    /// <summary>One of several keywords, e.g. <c>efron | breslow</c>; the expectation lists them all.</summary>
    private static Parser<IdentifierSyntax> OneOfKeywords(params string[] keywords) =>
        Word(
            string.Join(" or ", keywords.Select(k => "'" + k + "'")),
            name => Array.IndexOf(keywords, name) >= 0);

    private static Parser<TextSpan> Symbol(string symbol) => Symbol(symbol, "'" + symbol + "'");

    private static Parser<TextSpan> Symbol(string symbol, string expectation)
    {
        string[] expectations = [expectation];
        return input =>
        {
            var window = Window(input);
            var start = Lexeme.SkipTrivia(window.Source, window.Position, window.End);
            var found = start < window.End && window.Source[start] == symbol[0]
                ? Lexeme.ScanSymbol(window.Source, start, window.End)
                : null;
            return string.Equals(found, symbol, StringComparison.Ordinal)
                ? Result.Success(new TextSpan(start, symbol.Length), window.At(start + symbol.Length))
                : Fail<TextSpan>(input, expectations);
        };
    }

    private static Parser<StringSyntax> StringLiteral(string expectation) => input =>
    {
        var window = Window(input);
        var text = window.Source;
        var start = Lexeme.SkipTrivia(text, window.Position, window.End);
        if (start < window.End && text[start] == '"')
        {
            var end = Lexeme.ScanString(text, start, window.End, out var value, out var terminated, out var badEscape);
            if (terminated && badEscape < 0)
            {
                return Result.Success(new StringSyntax(value, TextSpan.FromBounds(start, end)), window.At(end));
            }
        }

        return Fail<StringSyntax>(input, expectation);
    };

    /// <summary>
    /// A number; with <paramref name="allowSign"/> an immediately preceding <c>-</c> belongs to it
    /// (<c>range -5..5</c>). In expressions <c>-</c> is the unary operator instead.
    /// Parsed with the invariant culture, whatever the current culture is.
    /// </summary>
    private static Parser<NumberSyntax> NumberLiteral(bool allowSign, string expectation = "a number") => input =>
    {
        var window = Window(input);
        var text = window.Source;
        var start = Lexeme.SkipTrivia(text, window.Position, window.End);
        var digits = start;
        if (allowSign && digits < window.End && text[digits] == '-')
        {
            digits++;
        }

        if (digits < window.End && Lexeme.IsDigit(text[digits]))
        {
            var end = Lexeme.ScanNumberLexeme(text, digits, window.End);
            if (Lexeme.IsValidNumber(text, digits, end))
            {
                var lexeme = text.Substring(start, end - start);
                var value = double.Parse(lexeme, NumberStyles.AllowLeadingSign | NumberStyles.Float, CultureInfo.InvariantCulture);
                return Result.Success(new NumberSyntax(value, lexeme, TextSpan.FromBounds(start, end)), window.At(end));
            }
        }

        return Fail<NumberSyntax>(input, expectation);
    };

    /// <summary>The literal <c>1</c> of a random intercept, <c>(1 | id)</c>.</summary>
    private static Parser<TextSpan> One => input =>
    {
        var window = Window(input);
        var start = Lexeme.SkipTrivia(window.Source, window.Position, window.End);
        if (start < window.End && window.Source[start] == '1')
        {
            var end = Lexeme.ScanNumberLexeme(window.Source, start, window.End);
            if (end == start + 1)
            {
                return Result.Success(new TextSpan(start, 1), window.At(end));
            }
        }

        return Fail<TextSpan>(input, "'1'");
    };

    /// <summary>Succeeds, consuming nothing, only at the end of the window (after trivia).</summary>
    private static Parser<bool> EndOfWindow(string expectation) => input =>
        TokenStart(input) >= Window(input).End
            ? Result.Success(true, input)
            : Fail<bool>(input, expectation);

    /// <summary>
    /// Runs <paramref name="body"/> and builds a node with the span from its first token to its
    /// last (trailing trivia excluded, since tokens never consume it).
    /// </summary>
    private static Parser<TNode> Node<TValue, TNode>(Parser<TValue> body, Func<TValue, TextSpan, TNode> make) => input =>
    {
        var start = TokenStart(input);
        var result = body(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<TNode>(result.Remainder, result.Message, result.Expectations);
        }

        var end = Math.Max(start, result.Remainder.Position);
        return Result.Success(make(result.Value, TextSpan.FromBounds(start, end)), result.Remainder);
    };

    /// <summary><c>p { "," p }</c> as an immutable array; a dangling comma is an error at what follows it.</summary>
    private static Parser<ImmutableArray<T>> CommaList<T>(Parser<T> item) =>
        from first in item
        from rest in Symbol(",").Then(_ => item).XMany()
        select ImmutableArray.Create(first).AddRange(rest);

    /// <summary>A forward reference, for recursive rules and rules in other files (static initialisation order).</summary>
    private static Parser<T> Defer<T>(Func<Parser<T>> parser)
    {
        Parser<T>? resolved = null;
        return input => (resolved ??= parser())(input);
    }

    /// <summary><c>p</c> or nothing; fails if <c>p</c> fails after consuming input.</summary>
    private static Parser<T?> Opt<T>(Parser<T> parser)
        where T : class =>
        parser.XOptional().Select(o => o.IsDefined ? o.Get() : null);
}
