namespace ProtocolLang.Diagnostics;

/// <summary>Syntax diagnostics (PL1xxx), reported by <see cref="Syntax.StudyParser"/>.</summary>
public static partial class DiagnosticDescriptors
{
    private const string SyntaxCategory = "Syntax";

    /// <summary>PL1001: the text does not match the grammar at this point.</summary>
    public static DiagnosticDescriptor UnexpectedToken { get; } = Error(
        "PL1001", "Unexpected token", "expected {0} but found {1}", SyntaxCategory);

    /// <summary>PL1002: something other than a declaration keyword where a declaration must start.</summary>
    public static DiagnosticDescriptor ExpectedDeclaration { get; } = Error(
        "PL1002",
        "Expected a declaration",
        "expected a declaration (title, version, table, derive, include, exclude, groups, outcome, describe, compare, model, test, report) but found {0}",
        SyntaxCategory);

    /// <summary>PL1003: a string literal without its closing quote on the same line.</summary>
    public static DiagnosticDescriptor UnterminatedString { get; } = Error(
        "PL1003", "Unterminated string", "string is not terminated: expected a closing '\"' before the end of the line", SyntaxCategory);

    /// <summary>PL1004: a <c>/*</c> comment without <c>*/</c>.</summary>
    public static DiagnosticDescriptor UnterminatedComment { get; } = Error(
        "PL1004", "Unterminated block comment", "block comment is not terminated: expected '*/' before the end of the file", SyntaxCategory);

    /// <summary>PL1005: a <c>{</c> of the study, a table or groups that is never closed.</summary>
    public static DiagnosticDescriptor MissingClosingBrace { get; } = Error(
        "PL1005", "Missing closing brace", "expected '}}' to close {0} opened at line {1} but found {2}", SyntaxCategory);

    /// <summary>PL1006: a number that is not <c>digits[.digits][e[+|-]digits]</c> or does not fit a double.</summary>
    public static DiagnosticDescriptor InvalidNumber { get; } = Error(
        "PL1006", "Invalid number", "invalid number '{0}': expected digits with an optional fraction and exponent, like 12, 3.5 or 1e-3, no larger than about 1.8e308", SyntaxCategory);

    /// <summary>PL1007: parentheses, <c>if</c> or prefix operators nested beyond the parser's limit.</summary>
    public static DiagnosticDescriptor NestingTooDeep { get; } = Error(
        "PL1007", "Expression nested too deeply", "expression is nested more than {0} levels deep; split it into derived variables", SyntaxCategory);

    /// <summary>PL1008: one declaration with more operators than the parser's limit.</summary>
    public static DiagnosticDescriptor ExpressionTooLong { get; } = Error(
        "PL1008", "Expression too long", "declaration has more than {0} operators; split it into derived variables", SyntaxCategory);

    /// <summary>PL1009: the file does not start with <c>study Name</c>.</summary>
    public static DiagnosticDescriptor ExpectedStudy { get; } = Error(
        "PL1009", "Expected a study", "a .study file starts with 'study Name {{': expected {0} but found {1}", SyntaxCategory);

    /// <summary>PL1010: text after the closing brace of the study.</summary>
    public static DiagnosticDescriptor TextAfterStudy { get; } = Error(
        "PL1010", "Text after the study", "expected the end of the file after the study's closing '}}' but found {0}", SyntaxCategory);

    /// <summary>PL1011: a backslash escape other than <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>.</summary>
    public static DiagnosticDescriptor InvalidEscape { get; } = Error(
        "PL1011", "Invalid escape sequence", "unknown escape sequence '{0}' in string: expected \\\", \\\\, \\n or \\t", SyntaxCategory);

    /// <summary>PL1016: bytes that are not UTF-8, seen as U+FFFD (what every decoder substitutes for them).</summary>
    public static DiagnosticDescriptor InvalidUtf8 { get; } = Error(
        "PL1016", "Invalid UTF-8", "the file is not valid UTF-8 here ({0} undecodable character(s), shown as U+FFFD); save the file as UTF-8", SyntaxCategory);
}
