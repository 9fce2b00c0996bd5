using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>
/// <c>table name from "path" [key col] [of parent by col] [on_invalid fail|exclude] { columns and derives }</c>.
/// <paramref name="Parent"/> and <paramref name="LinkColumn"/> are set together (one-to-many link).
/// </summary>
public sealed record TableSyntax(
    IdentifierSyntax Name,
    StringSyntax Source,
    IdentifierSyntax? Key,
    IdentifierSyntax? Parent,
    IdentifierSyntax? LinkColumn,
    ImmutableArray<ColumnSyntax> Columns,
    ImmutableArray<DeriveSyntax> Derived,
    TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>The table's <c>on_invalid</c> clause, if written (else the study's, else fail).</summary>
    public PolicySyntax? OnInvalid { get; init; }
}

/// <summary><c>a, b: type options</c> — several names may share one type and options.</summary>
public sealed record ColumnSyntax(
    ImmutableArray<IdentifierSyntax> Names,
    TypeSyntax Type,
    ImmutableArray<ColumnOptionSyntax> Options,
    TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>number | integer | text | bool | date | category(L1, L2, ...)</c>. <paramref name="Keyword"/> is the
/// type name as written (checked by the binder); <paramref name="Levels"/> is empty unless category.
/// </summary>
public sealed record TypeSyntax(IdentifierSyntax Keyword, ImmutableArray<IdentifierSyntax> Levels, TextSpan Span)
    : SyntaxNode(Span);

public abstract record ColumnOptionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>unit "U/L"</c></summary>
public sealed record UnitOptionSyntax(StringSyntax Unit, TextSpan Span) : ColumnOptionSyntax(Span);

/// <summary><c>range min..max</c>; either bound may be omitted (<c>0..</c>).</summary>
public sealed record RangeOptionSyntax(NumberSyntax? Min, NumberSyntax? Max, TextSpan Span) : ColumnOptionSyntax(Span);

/// <summary><c>optional</c>: missing values are allowed.</summary>
public sealed record OptionalOptionSyntax(TextSpan Span) : ColumnOptionSyntax(Span);

/// <summary><c>key</c>: the column is the table's unique key.</summary>
public sealed record KeyOptionSyntax(TextSpan Span) : ColumnOptionSyntax(Span);

/// <summary><c>label "..."</c>: the display name in reports.</summary>
public sealed record LabelOptionSyntax(StringSyntax Label, TextSpan Span) : ColumnOptionSyntax(Span);
