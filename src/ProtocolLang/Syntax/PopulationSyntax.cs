using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>population PP "Per protocol": adherent and not deviated</c>: a named subset that analyses select with <c>in PP</c>.</summary>
public sealed record PopulationSyntax(IdentifierSyntax Name, StringSyntax Label, ExpressionSyntax Condition, TextSpan Span)
    : DeclarationSyntax(Span);
