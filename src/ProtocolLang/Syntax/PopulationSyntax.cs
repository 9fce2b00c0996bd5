using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>
/// <c>population NAME "label": expr</c>: a named analysis population, a subset of the subjects analysed
/// (<c>describe age in PP</c>). The binder splits <see cref="Predicate"/> on its top-level <c>and</c> into conditions,
/// so the flow can say which condition removed each subject.
/// </summary>
public sealed record PopulationSyntax(IdentifierSyntax Name, StringSyntax Label, ExpressionSyntax Predicate, TextSpan Span)
    : DeclarationSyntax(Span);
