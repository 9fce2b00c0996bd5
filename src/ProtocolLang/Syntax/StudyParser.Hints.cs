using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Binding;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax.Lexing;

namespace ProtocolLang.Syntax;

/// <summary>
/// Hints in place of a generic syntax error (issue 12, item 8): an R habit at the failing token
/// (<see cref="RHabits"/>), or a misspelt keyword with "did you mean" over the keywords the parser
/// expected there. Only consulted after a failure, so they never change what parses.
/// </summary>
public static partial class StudyParser
{
    /// <summary>Words that may continue an expression; a near miss of one after a complete declaration is a misspelt operator.</summary>
    private static readonly string[] OperatorWords = ["and", "or", "not", "is", "in", "then", "else"];

    /// <summary><c>'word'</c> as a whole expectation, or the words of a parenthesised list <c>(unit, range, ... or label)</c>.</summary>
    private static readonly Regex QuotedKeyword = new(@"^'([a-z_][a-z0-9_]*)'$", RegexOptions.CultureInvariant);

    private static readonly Regex KeywordList = new(@"\(([a-z_][a-z0-9_]*(?:(?:, | or )[a-z_][a-z0-9_]*)+)\)", RegexOptions.CultureInvariant);

    /// <summary>The keywords named in an expectation text such as <c>'median' or 'mean'</c>.</summary>
    internal static List<string> ExpectedKeywords(string expected)
    {
        var keywords = new List<string>();
        foreach (var part in expected.Split([", ", " or "], StringSplitOptions.RemoveEmptyEntries))
        {
            var match = QuotedKeyword.Match(part.Trim());
            if (match.Success)
            {
                keywords.Add(match.Groups[1].Value);
            }
        }

        foreach (Match list in KeywordList.Matches(expected))
        {
            keywords.AddRange(list.Groups[1].Value.Split([", ", " or "], StringSplitOptions.RemoveEmptyEntries));
        }

        return keywords;
    }

    private sealed partial class Run
    {
        /// <summary>The words that start a declaration, for "did you mean" on a misspelt one.</summary>
        private static IEnumerable<string> DeclarationWords => DeclarationSplitter.DeclarationKeywords.Union(DeclarationParsers.Keys);

        /// <summary>Reports an R habit or a misspelt expected keyword at <paramref name="offset"/>; false when there is none.</summary>
        private bool TryReportHint(int offset, string expected)
        {
            if (RHabits.At(_text, offset, expected) is { } habit)
            {
                _diagnostics.Add(habit.Descriptor, habit.Span, habit.Arguments);
                return true;
            }

            if (WordAt(offset) is not { } word)
            {
                return false;
            }

            var suggestion = NameSuggestions.Nearest(word, ExpectedKeywords(expected));
            if (suggestion is null)
            {
                return false;
            }

            _diagnostics.Add(DiagnosticDescriptors.MisspeltKeyword, TokenSpanAt(offset), expected, word, suggestion);
            return true;
        }

        /// <summary>
        /// A word where a declaration should start, close to a declaration keyword (<c>outcom</c>, <c>derieve</c>):
        /// reported with "did you mean"; false when it is not close to one.
        /// </summary>
        private bool TryReportMisspeltDeclaration(int offset)
        {
            if (WordAt(offset) is not { } word)
            {
                return false;
            }

            var suggestion = NameSuggestions.Nearest(word, DeclarationWords);
            if (suggestion is null)
            {
                return false;
            }

            _diagnostics.Add(DiagnosticDescriptors.MisspeltDeclarationKeyword, TokenSpanAt(offset), word, suggestion);
            return true;
        }

        /// <summary>
        /// Text left after a complete declaration: an R habit (<c>sex = F</c>, <c>a &amp; b</c>), a misspelt
        /// declaration keyword opening a line, or a misspelt operator (<c>adn</c>); false when none fits.
        /// </summary>
        private bool TryReportLeftoverHint(int offset)
        {
            const string Expected = "an operator or the next declaration";
            if (RHabits.At(_text, offset, Expected) is { } habit)
            {
                _diagnostics.Add(habit.Descriptor, habit.Span, habit.Arguments);
                return true;
            }

            var word = WordAt(offset);
            if (word is null)
            {
                return false;
            }

            var index = TokenIndexAt(offset);
            var startsLine = index >= 0 && Tokens[index].FirstOnLine;
            if (startsLine && TryReportMisspeltDeclaration(offset))
            {
                return true;
            }

            // Two-letter words are too close to each other ('if', 'is', 'in', 'or') for a useful guess.
            var operatorWord = word.Length >= 3 ? NameSuggestions.Nearest(word, OperatorWords) : null;
            if (operatorWord is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.MisspeltKeyword, TokenSpanAt(offset), "an operator", word, operatorWord);
                return true;
            }

            return TryReportMisspeltDeclaration(offset);
        }

        /// <summary>
        /// After a failure at <paramref name="failedAt"/>, the rest of the declaration is skipped; a line in it that
        /// opens with a misspelt declaration keyword (<c>inclde</c>) is why the splitter did not start a declaration
        /// there, so it is reported too rather than silently swallowed.
        /// </summary>
        private void ReportMisspeltDeclarationLines(DeclarationChunk chunk, int failedAt)
        {
            for (var k = chunk.First + 1; k < chunk.End; k++)
            {
                var token = Tokens[k];
                if (token.Start > failedAt && token.FirstOnLine && token.Kind == TokenKind.Word && !token.HasError)
                {
                    TryReportMisspeltDeclaration(token.Start);
                }
            }
        }

        /// <summary>
        /// A table item <c>derieve x = ...</c>: read as a column named <c>derieve</c>, it fails at <c>x</c>; the
        /// shape <c>word name =</c> says a derive was meant.
        /// </summary>
        private bool TryReportMisspeltDerive(int first, int end)
        {
            if (end - first < 3 || Tokens[first].Kind != TokenKind.Word || Tokens[first + 1].Kind != TokenKind.Word
                || !(Tokens[first + 2].Kind == TokenKind.Symbol && TextOf(Tokens[first + 2]) == "="))
            {
                return false;
            }

            var word = TextOf(Tokens[first]);
            if (NameSuggestions.Nearest(word, ["derive"]) is not { } suggestion)
            {
                return false;
            }

            _diagnostics.Add(DiagnosticDescriptors.MisspeltKeyword, Tokens[first].Span, "a column or 'derive'", word, suggestion);
            return true;
        }

        /// <summary>The index of the token starting at <paramref name="offset"/> (tokens are in text order), or -1.</summary>
        private int TokenIndexAt(int offset)
        {
            int low = 0, high = Tokens.Count - 1;
            while (low <= high)
            {
                var mid = low + ((high - low) / 2);
                var start = Tokens[mid].Start;
                if (start == offset)
                {
                    return mid;
                }

                if (start < offset)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return -1;
        }

        private string? WordAt(int offset) =>
            offset < _text.Length && Lexeme.IsWordStart(_text[offset])
                ? _text.Substring(offset, Lexeme.ScanWord(_text, offset, _text.Length) - offset)
                : null;
    }
}
