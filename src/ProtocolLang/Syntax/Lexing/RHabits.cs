using System;
using ProtocolLang.Diagnostics;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax.Lexing;

/// <summary>One R habit found where the parser failed: the diagnostic, the span of the R token and the message arguments.</summary>
internal readonly record struct RHabit(DiagnosticDescriptor Descriptor, TextSpan Span, string[] Arguments);

/// <summary>
/// R's spellings that users of the language write out of habit (<c>&amp;</c>, <c>||</c>, <c>!x</c>,
/// <c>is.na(x)</c>, <c>%in%</c>, <c>=</c> as a comparison). Looked for only where the parser has already
/// failed, so a hint never changes what parses; the hint replaces the generic "expected ... but found".
/// <c>TRUE</c>, <c>FALSE</c> and <c>NA</c> parse as names and are hinted by the binder.
/// </summary>
internal static class RHabits
{
    /// <summary>The R habit starting at <paramref name="offset"/>, or null.</summary>
    /// <param name="expected">What the parser expected there, for the message.</param>
    public static RHabit? At(string text, int offset, string expected)
    {
        if (offset >= text.Length)
        {
            return null;
        }

        var c = text[offset];
        var next = offset + 1 < text.Length ? text[offset + 1] : '\0';
        switch (c)
        {
            case '&':
                return Logical(next == '&' ? "&&" : "&", "and", offset, expected);
            case '|' when next == '|':
                return Logical("||", "or", offset, expected);
            case '|' when !IsRandomEffectBar(text, offset):
                return Logical("|", "or", offset, expected);
            case '!' when next != '=':
            {
                var operand = Lexeme.SkipTrivia(text, offset + 1, text.Length);
                if (IsNaCall(text, operand) is { } argument)
                {
                    return new RHabit(DiagnosticDescriptors.RNegation, TextSpan.FromBounds(offset, operand + 5),
                        [Operand(argument) + " is not missing", expected]);
                }

                var word = WordAt(text, operand);
                return new RHabit(DiagnosticDescriptors.RNegation, new TextSpan(offset, 1), ["not " + (word ?? (operand < text.Length && text[operand] == '(' ? "(...)" : "x")), expected]);
            }

            case '%' when string.CompareOrdinal(text, offset, "%in%", 0, 4) == 0:
                return new RHabit(DiagnosticDescriptors.RInOperator, new TextSpan(offset, 4), [expected]);
            case '=' when next != '=' && IsComparisonContext(expected):
                return new RHabit(DiagnosticDescriptors.RAssignmentInPredicate, new TextSpan(offset, 1), [expected]);
            case 'i' when IsNaCall(text, offset) is { } argument:
                return new RHabit(DiagnosticDescriptors.RIsNa, new TextSpan(offset, 5), [Operand(argument) + " is missing", expected]);
            default:
                return null;
        }
    }

    private static RHabit Logical(string found, string replacement, int offset, string expected) =>
        new(DiagnosticDescriptors.RLogicalOperator, new TextSpan(offset, found.Length), [found, replacement, expected]);

    /// <summary><c>| id)</c>: the bar of a random effect in a formula, which is not R's 'or'.</summary>
    private static bool IsRandomEffectBar(string text, int offset)
    {
        var p = Lexeme.SkipTrivia(text, offset + 1, text.Length);
        if (p >= text.Length || !Lexeme.IsWordStart(text[p]))
        {
            return false;
        }

        p = Lexeme.SkipTrivia(text, Lexeme.ScanWord(text, p, text.Length), text.Length);
        return p < text.Length && text[p] == ')';
    }

    /// <summary>
    /// '=' is a comparison slip only inside an expression: where an operator, <c>then</c>, <c>else</c> or a closing
    /// parenthesis could stand (not where ':' follows a column name or a report format is expected).
    /// </summary>
    private static bool IsComparisonContext(string expected) =>
        Array.Exists(ComparisonContexts, c => expected.IndexOf(c, StringComparison.Ordinal) >= 0);

    private static readonly string[] ComparisonContexts = ["operator", "'then'", "'else'", "')'"];

    /// <summary>At <c>is.na(x)</c>: the text of <c>x</c> (trimmed, or "x" when it is long or unclosed); else null.</summary>
    private static string? IsNaCall(string text, int offset)
    {
        if (offset + 5 > text.Length || string.CompareOrdinal(text, offset, "is.na", 0, 5) != 0
            || (offset + 5 < text.Length && Lexeme.IsWordPart(text[offset + 5])))
        {
            return null;
        }

        var open = Lexeme.SkipTrivia(text, offset + 5, text.Length);
        if (open >= text.Length || text[open] != '(')
        {
            return string.Empty;
        }

        var depth = 0;
        for (var p = open; p < text.Length && p < open + 80 && text[p] != '\n'; p++)
        {
            depth += text[p] == '(' ? 1 : text[p] == ')' ? -1 : 0;
            if (depth == 0)
            {
                return text.Substring(open + 1, p - open - 1).Trim();
            }
        }

        return string.Empty;
    }

    private static string Operand(string argument) => argument.Length == 0 ? "x" : argument;

    private static string? WordAt(string text, int offset) =>
        offset < text.Length && Lexeme.IsWordStart(text[offset])
            ? text.Substring(offset, Lexeme.ScanWord(text, offset, text.Length) - offset)
            : null;
}
