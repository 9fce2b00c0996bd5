using System;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The <c>from</c> clause's source kind: a bare path is CSV; <c>parquet "path"</c> and <c>duckdb "path" table "name"</c>
/// are read through embedded DuckDB at run time. Kinds the issue plans but the runtime cannot read yet (postgres,
/// clickhouse) say so (PL2291) instead of failing later.
/// </summary>
public sealed partial class Binder
{
    private static readonly string[] SourceKinds = ["parquet", "duckdb"];

    private static readonly string[] PlannedSourceKinds = ["postgres", "clickhouse"];

    private ImmutableArray<TableSymbol> BindSources(ImmutableArray<TableSymbol> tables) =>
        tables.Select((table, i) => BindSource(table, _tables[i].Syntax)).ToImmutableArray();

    private TableSymbol BindSource(TableSymbol table, TableSyntax syntax)
    {
        var kind = BindSourceKind(syntax);
        if (syntax.SourceTable is { } sourceTable)
        {
            if (kind != TableSourceKind.DuckDb)
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
            _diagnostics.Add(DiagnosticDescriptors.SourceTableMissing, syntax.Source.Span, syntax.Name.Name, syntax.Source.Value);
        }

        return table with
        {
            SourceKind = kind ?? TableSourceKind.Csv,
            SourceTable = kind == TableSourceKind.DuckDb ? syntax.SourceTable?.Value : null,
        };
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
        }

        var word = syntax.SourceKind!;
        if (PlannedSourceKinds.Contains(word.Name, StringComparer.Ordinal))
        {
            _diagnostics.Add(DiagnosticDescriptors.SourceKindNotSupported, word.Span, word.Name);
        }
        else
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownSourceKind, word.Span, word.Name, NameSuggestions.DidYouMean(word.Name, SourceKinds.Concat(PlannedSourceKinds)));
        }

        return null;
    }

    /// <summary><c>name</c> or <c>schema.name</c>, neither part empty (a dot inside a name cannot be written).</summary>
    private static bool IsTableName(string name)
    {
        var parts = name.Split('.');
        return parts.Length <= 2 && parts.All(p => p.Trim().Length > 0);
    }
}
