using System;

namespace ProtocolLang.Runtime.Data;

/// <summary>Provenance of one table read from a database server, for results.json: never its connection string.</summary>
/// <param name="Engine">The engine, as the <c>from</c> clause names it (<c>postgres</c>).</param>
/// <param name="Connection">The connection's name as the study writes it.</param>
/// <param name="SourceTable">The server's table as the study writes it (<c>public.subjects</c>).</param>
/// <param name="RowsRead">Rows the query returned, kept or excluded.</param>
/// <param name="Query">The SQL text that read the rows (identifiers only; it holds no values).</param>
/// <param name="ReadAt">When the query started (UTC).</param>
public sealed record ServerSourceInfo(string Table, string Engine, string Connection, string SourceTable, int RowsRead, string Query, DateTimeOffset ReadAt);
