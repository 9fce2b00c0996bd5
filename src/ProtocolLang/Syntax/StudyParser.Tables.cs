using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Text;
using Sprache;

namespace ProtocolLang.Syntax;

/// <summary>
/// <c>table name from ["path" | parquet "path" | duckdb "path" table "name"] [key col] [of parent by col] [on_invalid fail|exclude] { columns and derives }</c>. The header
/// (up to <c>{</c>) and each body item are parsed separately, so one bad column does not hide the
/// others; <see cref="Lexing.DeclarationSplitter"/> finds the items.
/// </summary>
public static partial class StudyParser
{
    private static readonly Parser<TableHeader> TableHeaderParser =
        from keyword in Keyword("table")
        from name in Identifier("a table name after 'table'")
        from fromKeyword in Keyword("from").Named($"'from' after table name '{name.Name}'")
        from source in DataSource
        from key in Opt(Keyword("key").Then(_ => Identifier("a key column after 'key'")))
        from link in Opt(
            from of in Keyword("of")
            from parent in Identifier("a parent table after 'of'")
            from byKeyword in Keyword("by").Named($"'by' after 'of {parent.Name}'")
            from column in Identifier("a link column after 'by'")
            select new TableLink(parent, column))
        from onInvalid in Opt(PolicyClause("on_invalid"))
        from open in Symbol("{", (key, link, onInvalid) switch
        {
            (_, _, not null) => "'{'",
            (null, null, _) => "'key', 'of', 'on_invalid' or '{'",
            (_, null, _) => "'of', 'on_invalid' or '{'",
            _ => "'on_invalid' or '{'",
        })
        select new TableHeader(name, source, key, link?.Parent, link?.Column, onInvalid);

    /// <summary>
    /// <c>"path"</c> (a CSV file), or <c>KIND "path" [table "name"]</c>: any word is read as the source kind and the
    /// binder checks it (parquet, duckdb), so a misspelt kind gets a did-you-mean rather than a parse error.
    /// </summary>
    private static readonly Parser<DataSourceSyntax> DataSource =
        StringLiteral("a file path string, or a source kind (parquet, duckdb) and a path, after 'from'")
            .Select(path => new DataSourceSyntax(null, path, null))
            .XOr(
                from kind in Identifier("a file path string, or a source kind (parquet, duckdb) and a path, after 'from'")
                from path in StringLiteral($"a file path string after '{kind.Name}'")
                from table in Opt(Keyword("table").Then(_ => StringLiteral("a table name string after 'table'")))
                select new DataSourceSyntax(kind, path, table));

    /// <summary>The code of a level: a name, a number as written (<c>-1</c>, <c>2</c>) or a quoted string.</summary>
    private static readonly Parser<(IdentifierSyntax Code, CategoryLevelForm Form)> CategoryLevelCode =
        Identifier("a level (a name, a number or a quoted string)").Select(n => (n, CategoryLevelForm.Name))
            .XOr(NumberLiteral(allowSign: true).Select(n => (new IdentifierSyntax(n.Text, n.Span), CategoryLevelForm.Number)))
            .XOr(StringLiteral("a level (a name, a number or a quoted string)").Select(s => (new IdentifierSyntax(s.Value, s.Span), CategoryLevelForm.String)));

    /// <summary><c>CODE ["label"]</c>.</summary>
    private static readonly Parser<CategoryLevelSyntax> CategoryLevel = Node(
        from code in CategoryLevelCode
        from label in Opt(StringLiteral("a label string"))
        select (code, label),
        (v, span) => new CategoryLevelSyntax(v.code.Code, v.code.Form, v.label, span));

    private static readonly Parser<ImmutableArray<CategoryLevelSyntax>> CategoryLevels =
        from open in Symbol("(", "'(' and the levels after 'category'")
        from levels in CommaList(CategoryLevel)
        from close in Symbol(")", "',' or ')' after a level (a label is a quoted string, 1 \"Male\"; so is a level with other characters, \"Lev+5FU\")")
        select levels;

    /// <summary>Any name is read as the type keyword (the binder checks it); <c>category</c> takes levels.</summary>
    private static readonly Parser<TypeSyntax> ColumnType = Node(
        from keyword in Identifier("a type (number, integer, text, bool, date or category)")
        from levels in string.Equals(keyword.Name, "category", System.StringComparison.Ordinal)
            ? CategoryLevels
            : Sprache.Parse.Return(ImmutableArray<CategoryLevelSyntax>.Empty)
        select (keyword, levels),
        (v, span) => new TypeSyntax(v.keyword, v.levels, span));

    private static readonly Parser<ColumnOptionSyntax> UnitOption = Node(
        Keyword("unit").Then(_ => StringLiteral("a unit string after 'unit'")),
        (unit, span) => (ColumnOptionSyntax)new UnitOptionSyntax(unit, span));

    private static readonly Parser<ColumnOptionSyntax> RangeOption = Node(
        from keyword in Keyword("range")
        from min in Opt(NumberLiteral(allowSign: true))
        from dots in Symbol("..", min is null ? "a number or '..' after 'range'" : "'..' after the minimum")
        from max in Opt(NumberLiteral(allowSign: true))
        select (min, max),
        (v, span) => (ColumnOptionSyntax)new RangeOptionSyntax(v.min, v.max, span));

    private static readonly Parser<ColumnOptionSyntax> LabelOption = Node(
        Keyword("label").Then(_ => StringLiteral("a label string after 'label'")),
        (label, span) => (ColumnOptionSyntax)new LabelOptionSyntax(label, span));

    private static readonly Parser<ColumnOptionSyntax> ColumnOption =
        UnitOption
            .XOr(RangeOption)
            .XOr(Keyword("optional").Select(k => (ColumnOptionSyntax)new OptionalOptionSyntax(k.Span)))
            .XOr(Keyword("key").Select(k => (ColumnOptionSyntax)new KeyOptionSyntax(k.Span)))
            .XOr(LabelOption);

    private static readonly Parser<ColumnSyntax> Column = Node(
        from names in CommaList(Identifier("a column name or 'derive'"))
        from colon in Symbol(":", $"':' after column name '{names[names.Length - 1].Name}'")
        from type in ColumnType
        from options in ColumnOption.XMany()
        select (names, type, options),
        (v, span) => new ColumnSyntax(v.names, v.type, v.options.ToImmutableArray(), span));

    /// <summary>
    /// One body item. <c>derive</c> is tried first with backtracking (<c>Or</c>), so a column
    /// that happens to be called <c>derive</c> still parses as a column.
    /// </summary>
    private static readonly Parser<SyntaxNode> TableItem =
        Defer(() => Derive!).Select(d => (SyntaxNode)d).Or(Column.Select(c => (SyntaxNode)c));

    /// <summary>
    /// <c>groups [NAME] [on_overlap fail|exclude] {</c>: the name of a named group set (null for the study's groups) and
    /// the clause, if written.
    /// </summary>
    private static readonly Parser<(IdentifierSyntax? Name, PolicySyntax? OnOverlap)> GroupsHeader =
        from keyword in Keyword("groups")
        from name in Opt(Word("a group set name", word => word != "on_overlap"))
        from onOverlap in Opt(PolicyClause("on_overlap"))
        from open in Symbol("{", onOverlap is null ? "'on_overlap' or '{' after 'groups'" : "'{'")
        select (name, onOverlap);

    /// <summary><c>on_invalid VALUE</c> or <c>on_overlap VALUE</c>; the binder checks the value (fail or exclude).</summary>
    private static Parser<PolicySyntax> PolicyClause(string keyword) => Node(
        from word in Keyword(keyword)
        from value in Identifier($"'fail' or 'exclude' after '{keyword}'")
        select (word, value),
        (v, span) => new PolicySyntax(v.word, v.value, span));

    /// <summary>The part of a table declaration before its body.</summary>
    private sealed record TableHeader(
        IdentifierSyntax Name,
        DataSourceSyntax Source,
        IdentifierSyntax? Key,
        IdentifierSyntax? Parent,
        IdentifierSyntax? LinkColumn,
        PolicySyntax? OnInvalid);

    private sealed record TableLink(IdentifierSyntax Parent, IdentifierSyntax Column);

    private static TableSyntax BuildTable(TableHeader header, ImmutableArray<SyntaxNode> items, TextSpan span) =>
        new(
            header.Name,
            header.Source.Path,
            header.Key,
            header.Parent,
            header.LinkColumn,
            items.OfType<ColumnSyntax>().ToImmutableArray(),
            items.OfType<DeriveSyntax>().ToImmutableArray(),
            span)
        {
            OnInvalid = header.OnInvalid,
            SourceKind = header.Source.Kind,
            SourceTable = header.Source.Table,
        };
}
