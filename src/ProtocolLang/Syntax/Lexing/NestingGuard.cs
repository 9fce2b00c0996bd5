using System;
using System.Collections.Generic;
using ProtocolLang.Diagnostics;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>
/// Bounds what would make the recursive-descent parser (and every later tree walk) recurse
/// deeply, before Sprache sees the text: a stack overflow ends a .NET process and cannot be
/// caught. Conservative: each <c>(</c>, <c>if</c>, <c>not</c> and prefix <c>-</c> counts one
/// level until the enclosing parenthesis closes.
/// </summary>
internal static class NestingGuard
{
    /// <summary>Deepest nesting accepted; far beyond hand-written protocols, far below the stack limit.</summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Most binary operators in one declaration (a left-nested chain is that deep).</summary>
    public const int MaxOperators = 1000;

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
        var level = 0;
        var saved = new Stack<int>();
        var operators = 0;
        for (var k = first; k < end; k++)
        {
            var token = tokens[k];
            var word = token.Kind is TokenKind.Word or TokenKind.Symbol ? text.Substring(token.Start, token.End - token.Start) : string.Empty;
            var prefix = k == first || OperandExpected.Contains(Text(text, tokens, k - 1));
            switch (word)
            {
                case "(":
                    saved.Push(level);
                    level++;
                    break;
                case ")":
                    level = saved.Count > 0 ? saved.Pop() : 0;
                    break;
                case "if":
                    level++;
                    break;
                case "not":
                    level++;
                    break;
                case "-" when prefix:
                    level++;
                    break;
                default:
                    if (BinaryOperators.Contains(word) && ++operators > MaxOperators)
                    {
                        return new LexicalError(DiagnosticDescriptors.ExpressionTooLong, token.Span, MaxOperators.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
            }

            if (level > MaxNestingDepth)
            {
                return new LexicalError(DiagnosticDescriptors.NestingTooDeep, token.Span, MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static string Text(string text, List<StudyToken> tokens, int index)
    {
        var token = tokens[index];
        return token.Kind is TokenKind.Word or TokenKind.Symbol ? text.Substring(token.Start, token.End - token.Start) : string.Empty;
    }
}
