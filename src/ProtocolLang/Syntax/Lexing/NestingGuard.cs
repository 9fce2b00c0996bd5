using System;
using System.Collections.Generic;
using ProtocolLang.Diagnostics;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>
/// Bounds what would make the recursive-descent parser (and every later tree walk) recurse
/// deeply, before Sprache sees the text: a stack overflow ends a .NET process and cannot be
/// caught. It counts depth, not operators: it keeps the stack of constructs that are still open
/// at each token, as the parser's recursion would, and fails when that stack grows too tall.
/// <list type="bullet">
/// <item><c>(</c> opens a level that its <c>)</c> closes;</item>
/// <item>prefix <c>-</c> binds tightest, so its level closes at the next binary operator
/// (<c>-a + -b + -c</c> is one level deep, <c>- - -a</c> three);</item>
/// <item>prefix <c>not</c> takes a comparison, so its level closes at <c>and</c> / <c>or</c>;</item>
/// <item><c>if</c>'s else branch runs to the end of the enclosing expression (an
/// <c>else if</c> chain really nests), so its level closes with the enclosing parenthesis;</item>
/// <item>a <c>,</c> ends everything opened since the enclosing parenthesis; <c>then</c> and
/// <c>else</c> end the prefix operators opened since their <c>if</c>.</item>
/// </list>
/// </summary>
internal static class NestingGuard
{
    /// <summary>Deepest nesting accepted; far beyond hand-written protocols, far below the stack limit.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Most binary operators in one declaration (a left-nested chain is that deep).</summary>
    public const int MaxOperators = 1000;

    private enum Level
    {
        Parenthesis,
        If,
        Not,
        Negate,
    }

    private static readonly HashSet<string> BinaryOperators = new(StringComparer.Ordinal)
    {
        "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or",
    };

    private static readonly HashSet<string> OperandExpected = new(StringComparer.Ordinal)
    {
        "(", ",", ":", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "~", "|",
        "and", "or", "not", "in", "if", "then", "else", "where",
    };

    /// <summary>The first violation in tokens <c>[first, end)</c>, or null.</summary>
    public static LexicalError? Check(string text, List<StudyToken> tokens, int first, int end)
    {
        var open = new List<Level>();
        var operators = 0;
        for (var k = first; k < end; k++)
        {
            var token = tokens[k];
            var word = Text(text, tokens, k);
            var prefix = k == first || OperandExpected.Contains(Text(text, tokens, k - 1));
            switch (word)
            {
                case "(":
                    open.Add(Level.Parenthesis);
                    break;
                case ")":
                    CloseThrough(open, Level.Parenthesis);
                    break;
                case "if":
                    open.Add(Level.If);
                    break;
                case "not" when prefix:
                    open.Add(Level.Not);
                    break;
                case "-" when prefix:
                    open.Add(Level.Negate);
                    break;
                case ",":
                    CloseInsideParenthesis(open);
                    break;
                case "then" or "else":
                    CloseOperands(open, Level.If);
                    break;
                default:
                    if (BinaryOperators.Contains(word) || word is "is" or "in" or "not" or "~" or "|")
                    {
                        // Logical operators end a prefix 'not' too; every other operator only a prefix '-'.
                        CloseOperands(open, word is "and" or "or" ? Level.Not : Level.Negate);
                        if (BinaryOperators.Contains(word) && ++operators > MaxOperators)
                        {
                            return new LexicalError(DiagnosticDescriptors.ExpressionTooLong, token.Span, MaxOperators.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }

                    break;
            }

            if (open.Count > MaxNestingDepth)
            {
                return new LexicalError(DiagnosticDescriptors.NestingTooDeep, token.Span, MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>Pops every level up to and including the innermost <paramref name="level"/> (all when there is none).</summary>
    private static void CloseThrough(List<Level> open, Level level)
    {
        var index = open.LastIndexOf(level);
        open.RemoveRange(Math.Max(index, 0), open.Count - Math.Max(index, 0));
    }

    /// <summary>Pops every level opened since the innermost parenthesis (all when there is none).</summary>
    private static void CloseInsideParenthesis(List<Level> open)
    {
        var index = open.LastIndexOf(Level.Parenthesis) + 1;
        open.RemoveRange(index, open.Count - index);
    }

    /// <summary>
    /// Pops the prefix operators on top of the stack that end here: <see cref="Level.Negate"/>
    /// only, or with <paramref name="loosest"/> = <see cref="Level.Not"/> both kinds, or with
    /// <see cref="Level.If"/> every prefix operator (stopping at an <c>if</c> or a parenthesis).
    /// </summary>
    private static void CloseOperands(List<Level> open, Level loosest)
    {
        while (open.Count > 0)
        {
            var top = open[open.Count - 1];
            var ends = top == Level.Negate || (top == Level.Not && loosest is Level.Not or Level.If);
            if (!ends)
            {
                return;
            }

            open.RemoveAt(open.Count - 1);
        }
    }

    private static string Text(string text, List<StudyToken> tokens, int index)
    {
        var token = tokens[index];
        return token.Kind is TokenKind.Word or TokenKind.Symbol ? text.Substring(token.Start, token.End - token.Start) : string.Empty;
    }
}
