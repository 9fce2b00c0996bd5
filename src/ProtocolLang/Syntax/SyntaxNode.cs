using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>A node of the parse tree; every node carries its exact span in the source text.</summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>An identifier as written, e.g. a table, column, group or level name.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : SyntaxNode(Span);

/// <summary>A string literal; <paramref name="Value"/> is unescaped. It is data, never code.</summary>
public sealed record StringSyntax(string Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A number literal; <paramref name="Text"/> is the source text (invariant culture).</summary>
public sealed record NumberSyntax(double Value, string Text, TextSpan Span) : SyntaxNode(Span);
