using System;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The <c>from</c> clause's source kind: a bare path is CSV; <c>parquet "path"</c> and <c>duckdb "path" table "name"</c>
/// are read through embedded DuckDB at run time; <c>postgres "CONNECTION" table "name"</c> reads a server table, where
/// CONNECTION is a name resolved at run time (never a connection string: a .study file holds no credentials);
/// <c>clickhouse "CONNECTION" table "[database.]name"</c> follows the same name model.
/// </summary>
public sealed partial class Binder
{
    private static readonly string[] SourceKinds = ["parquet", "duckdb", "postgres", "clickhouse"];

    /// <summary>Kinds whose text is a connection name, not a path.</summary>
    private static readonly string[] ServerSourceKinds = ["postgres", "clickhouse"];

    private ImmutableArray<TableSymbol> BindSources(ImmutableArray<TableSymbol> tables) =>
        tables.Select((table, i) => BindSource(table, _tables[i].Syntax)).ToImmutableArray();

    private TableSymbol BindSource(TableSymbol table, TableSyntax syntax)
    {
        var kind = BindSourceKind(syntax);
        var isServer = kind is TableSourceKind.Postgres or TableSourceKind.ClickHouse;
        var hasTables = isServer || kind == TableSourceKind.DuckDb;
        if (isServer)
        {
            CheckConnectionName(syntax, syntax.SourceKind!.Name);
        }

        if (syntax.SourceTable is { } sourceTable)
        {
            if (!hasTables)
            {
                // Unknown kinds are reported already; a table after a file source is its own mistake.
                if (syntax.SourceKind is null || kind is not null)
                {
                    _diagnostics.Add(DiagnosticDescriptors.SourceTableNotAllowed, sourceTable.Span, syntax.Name.Name, syntax.SourceKind is null ? "a CSV" : "a " + syntax.SourceKind.Name);
                }
            }
            else if (!IsTableName(sourceTable.Value))
            {
                _diagnostics.Add(DiagnosticDescriptors.InvalidSourceTableName, sourceTable.Span, sourceTable.Value);
            }
        }
        else if (kind == TableSourceKind.DuckDb)
        {
            _diagnostics.Add(DiagnosticDescriptors.SourceTableMissing, syntax.Source.Span, syntax.Name.Name,
                "the DuckDB database '" + syntax.Source.Value + "'", "duckdb \"" + syntax.Source.Value + "\"");
        }
        else if (isServer && ConnectionNames.IsName(syntax.Source.Value))
        {
            var (engine, word) = kind == TableSourceKind.Postgres ? ("PostgreSQL", "postgres") : ("ClickHouse", "clickhouse");
            _diagnostics.Add(DiagnosticDescriptors.SourceTableMissing, syntax.Source.Span, syntax.Name.Name,
                "the " + engine + " connection '" + syntax.Source.Value + "'", word + " \"" + syntax.Source.Value + "\"");
        }

        return table with
        {
            SourceKind = kind ?? TableSourceKind.Csv,
            SourceTable = hasTables ? syntax.SourceTable?.Value : null,
        };
    }

    /// <summary>
    /// A server source names its connection (PL2296 otherwise); something that looks like the connection string
    /// itself is PL2295, which says where the settings go and does not quote them (they may hold a password).
    /// </summary>
    private void CheckConnectionName(TableSyntax syntax, string kind)
    {
        var name = syntax.Source.Value;
        if (ConnectionNames.ConnectionStringMark(name) is { } mark)
        {
            _diagnostics.Add(DiagnosticDescriptors.ConnectionStringInStudy, syntax.Source.Span, syntax.Name.Name, mark, kind);
        }
        else if (!ConnectionNames.IsName(name))
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidConnectionName, syntax.Source.Span, name);
        }
    }

    /// <summary>The kind as written; null (reported) when it is not one the runtime reads.</summary>
    private TableSourceKind? BindSourceKind(TableSyntax syntax)
    {
        switch (syntax.SourceKind?.Name)
        {
            case null:
                return TableSourceKind.Csv;
            case "parquet":
                return TableSourceKind.Parquet;
            case "duckdb":
                return TableSourceKind.DuckDb;
            case "postgres":
                return TableSourceKind.Postgres;
            case "clickhouse":
                return TableSourceKind.ClickHouse;
        }

        var word = syntax.SourceKind!;
        _diagnostics.Add(DiagnosticDescriptors.UnknownSourceKind, word.Span, word.Name, NameSuggestions.DidYouMean(word.Name, SourceKinds));
        return null;
    }

    /// <summary><c>name</c> or <c>schema.name</c> (<c>database.name</c> for ClickHouse), neither part empty (a dot inside a name cannot be written).</summary>
    private static bool IsTableName(string name)
    {
        var parts = name.Split('.');
        return parts.Length <= 2 && parts.All(p => p.Trim().Length > 0);
    }

    /// <summary>Whether the <c>from</c> text is a file path (CSV, Parquet, DuckDB, or an unknown kind's); a server source's text is a connection name.</summary>
    private static bool IsFileSource(TableSyntax table) =>
        table.SourceKind is null || !ServerSourceKinds.Contains(table.SourceKind.Name, StringComparer.Ordinal);
}
