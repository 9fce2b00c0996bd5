using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>
/// <c>table name from [KIND] "path" [table "name"] [key col] [of parent by col] [on_invalid fail|exclude] { columns and derives }</c>.
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

    /// <summary>The source kind before the path (<c>parquet</c>, <c>duckdb</c>), as written; null for a CSV path.</summary>
    public IdentifierSyntax? SourceKind { get; init; }

    /// <summary><c>table "name"</c> after the path (a database source's table), if written.</summary>
    public StringSyntax? SourceTable { get; init; }
}

/// <summary>The <c>from</c> clause: <c>"path"</c>, <c>parquet "path"</c> or <c>duckdb "path" table "name"</c>.</summary>
internal sealed record DataSourceSyntax(IdentifierSyntax? Kind, StringSyntax Path, StringSyntax? Table);

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
public sealed record TypeSyntax(IdentifierSyntax Keyword, ImmutableArray<CategoryLevelSyntax> Levels, TextSpan Span)
    : SyntaxNode(Span);

/// <summary>How a category level is written: a name (<c>F</c>), a number code (<c>1</c>) or a quoted string (<c>"Lev+5FU"</c>).</summary>
public enum CategoryLevelForm
{
    Name,
    Number,
    String,
}

/// <summary>
/// One level of <c>category(...)</c>: <c>F</c>, <c>1 "Male"</c>, <c>"Lev+5FU" "Levamisole + 5-FU"</c>.
/// <paramref name="Code"/> holds the level as the data file holds it (a number as written, a string without its quotes)
/// and the span of its token; <paramref name="Label"/>, if written, is what reports show instead.
/// </summary>
public sealed record CategoryLevelSyntax(IdentifierSyntax Code, CategoryLevelForm Form, StringSyntax? Label, TextSpan Span)
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
