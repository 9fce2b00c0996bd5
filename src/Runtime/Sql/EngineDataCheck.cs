using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolLang.Runtime.Data;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// The data checks of a <c>compute in engine</c> run, done by the engine since the rows never reach the cell checks of
/// the in-memory path. First the catalog: every declared column must exist with a type the engine run can compare as in
/// memory (PL4004, PL4051; a category must be text there and a bool BOOLEAN, since their predicates compare level names
/// and truth values). Then one query per table counts, per column, the values out of range (PL4062), the unknown levels
/// (PL4063), the missing values of a required column (PL4064) and the numbers that are not finite or, for an integer, not
/// whole (PL4066) (a further query finds one example key per failing rule), then the keys held by more than one row
/// (PL4065, with an example; on ClickHouse screened first by the distinct hashes of the key). Any problem fails the run:
/// nothing is analysed that the CSV path would have refused, and nothing is dropped silently.
/// </summary>
internal static class EngineDataCheck
{
    /// <summary>The declared columns the source lacks or holds with a type an engine run cannot use.</summary>
    public static List<DataProblem> Catalog(TableSchema table, IReadOnlyList<(string Name, string Type)> columns, string engine)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<DataProblem>();
        var types = columns.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            if (!types.TryGetValue(column.Name, out var type))
            {
                problems.Add(new DataProblem(DataProblemCodes.MissingColumn, table.SourceLabel, 0, column.Name,
                    $"table '{table.Name}': the source has no column '{column.Name}'; its columns: {string.Join(", ", columns.Select(c => c.Name))}"));
            }
            else if (!Accepts(engine, column.Kind, type))
            {
                problems.Add(new DataProblem(DataProblemCodes.IncompatibleColumnType, table.SourceLabel, 0, column.Name,
                    $"table '{table.Name}': column '{column.Name}' is declared {column.Kind.ToString().ToLowerInvariant()} but the source holds it as {type}; "
                    + $"an engine run needs {AcceptedTypes(engine, column.Kind)}"));
            }
        }

        return problems;
    }

    /// <summary>
    /// Whether an engine column of type <paramref name="type"/> holds a declared kind so that the engine's predicates mean
    /// what they mean in memory: the in-memory rules, except that a category must be text and a bool BOOLEAN.
    /// </summary>
    private static bool Accepts(string engine, ColumnKind kind, string type)
    {
        if (engine == "clickhouse")
        {
            return ClickHouseAccepts(kind, Data.Engines.ClickHouseSource.BaseType(type));
        }

        bool postgres = engine == "postgres";
        return kind switch
        {
            ColumnKind.Category => postgres ? type is "text" or "character varying" or "character" : type is "Varchar" or "Enum" or "VARCHAR",
            ColumnKind.Bool => postgres ? type == "boolean" : type is "Boolean" or "BOOLEAN",
            _ => postgres ? Data.Engines.PostgresSource.Accepts(kind, type) : DuckDbSource.Accepts(kind, type) || DuckDbSource.Accepts(kind, Pascal(type)),
        };
    }

    /// <summary>
    /// ClickHouse (the <c>Nullable(...)</c> taken off): a category is a String or Enum (its predicates compare level names);
    /// 18.16 has no Bool, so a bool is a UInt8 whose values the value check holds to 0 and 1; a number is an integer or a
    /// float (not a Decimal: 18.16 does not compare one with the Float64 literals of the ranges and predicates).
    /// </summary>
    private static bool ClickHouseAccepts(ColumnKind kind, string type) => kind switch
    {
        ColumnKind.Category => type == "String" || type.StartsWith("Enum8(", StringComparison.Ordinal) || type.StartsWith("Enum16(", StringComparison.Ordinal),
        ColumnKind.Bool => type == "UInt8",
        ColumnKind.Number => type is "Float32" or "Float64" || Data.Engines.ClickHouseSource.Accepts(ColumnKind.Integer, type),
        _ => Data.Engines.ClickHouseSource.Accepts(kind, type),
    };

    /// <summary>DuckDB's reader names types in Pascal case (Double); its SQL in upper case (DOUBLE): accept both.</summary>
    private static string Pascal(string type) => type.Length == 0 ? type : char.ToUpperInvariant(type[0]) + type[1..].ToLowerInvariant();

    private static string AcceptedTypes(string engine, ColumnKind kind) => engine == "clickhouse" ? ClickHouseAcceptedTypes(kind) : kind switch
    {
        ColumnKind.Category => engine == "postgres" ? "a text, varchar or char column" : "a VARCHAR or ENUM column",
        ColumnKind.Bool => engine == "postgres" ? "a boolean column" : "a BOOLEAN column",
        _ => engine == "postgres" ? Data.Engines.PostgresSource.AcceptedTypes(kind) : DuckDbSource.AcceptedTypes(kind),
    };

    private static string ClickHouseAcceptedTypes(ColumnKind kind) => kind switch
    {
        ColumnKind.Category => "a String or Enum column",
        ColumnKind.Bool => "a UInt8 column (0/1)",
        ColumnKind.Number => "an Int*, UInt*, Float32 or Float64 column",
        _ => Data.Engines.ClickHouseSource.AcceptedTypes(kind),
    };

    /// <summary>
    /// Runs the value check and returns one problem per (column, rule) with a count, in declared column order. The first
    /// query only counts (one <see cref="SqlDialect.CountWhere"/> per rule); only when a rule fails does a second query
    /// find an example key for each failing rule: on ClickHouse the seventeen MIN(CASE ...) over text of the scale study
    /// had taken 2.2 s of 10^7 rows against 0.8 s for the counts alone (docs/scale.md).
    /// </summary>
    /// <param name="keysStayOnOneShard">The source is a ClickHouse Distributed table whose sharding key is a function of
    /// the study's key alone (<see cref="EngineSource.KeysStayOnOneShard"/>): a key can then repeat only within one
    /// shard, and the duplicate-key check runs on each shard without merging every key on the initiator.</param>
    public static List<DataProblem> Values(SqlEngine engine, TableSchema table, Func<SqlRenderer, string> from, bool keysStayOnOneShard = false)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(table);
        var renderer = new SqlRenderer(engine.Dialect);
        var d = renderer.Dialect;
        var rules = Rules(table, d);
        string? key = table.Key is { } k ? d.QuoteIdentifier(k) : null;

        var select = new StringBuilder("SELECT CAST(COUNT(*) AS " + d.IntegerType + ")");
        foreach (var (_, _, _, condition) in rules)
        {
            select.Append(", ").Append(d.CountWhere(condition(renderer)));
        }

        select.Append(" FROM ").Append(from(renderer)).Append(" AS ").Append(d.Alias("subjects"));
        var row = engine.Query(select.ToString(), renderer.Parameters).Single();
        var failing = Enumerable.Range(0, rules.Count).Where(i => row[1 + i] is { } v && SqlEngine.Integer(v) > 0).ToList();
        var examples = failing.Count == 0 || key is null ? [] : Examples(engine, rules, failing, key, from);
        var problems = new List<DataProblem>();
        for (int f = 0; f < failing.Count; f++)
        {
            var (code, column, what, _) = rules[failing[f]];
            long n = SqlEngine.Integer(row[1 + failing[f]]);
            problems.Add(new DataProblem(code, table.SourceLabel, 0, column.Name, Message(table, column.Name, n, what, examples.Length == 0 ? null : examples[f])));
        }

        if (key is not null && DuplicateKeys(engine, key, from, keysStayOnOneShard) is { } duplicates)
        {
            problems.Add(new DataProblem(DataProblemCodes.EngineDuplicateKey, table.SourceLabel, 0, table.Key,
                Message(table, table.Key!, duplicates.Count, "key value(s) held by more than one row", duplicates.Example)));
        }

        return problems;
    }

    /// <summary>One example key per failing rule (the smallest as text), from one query over the failing rules only.</summary>
    private static string?[] Examples(SqlEngine engine, List<(string Code, ColumnSchema Column, string What, Func<SqlRenderer, string> Condition)> rules,
        List<int> failing, string key, Func<SqlRenderer, string> from)
    {
        var renderer = new SqlRenderer(engine.Dialect);
        var select = "SELECT " + string.Join(", ", failing.Select(i => "MIN(CASE WHEN " + rules[i].Condition(renderer) + " THEN CAST(" + key + " AS VARCHAR) END)"))
            + " FROM " + from(renderer) + " AS " + engine.Dialect.Alias("subjects");
        return engine.Query(select, renderer.Parameters).Single().Select(v => v as string).ToArray();
    }

    /// <summary>
    /// The keys held by more than one row: how many, and the smallest as an example; null when there are none. One GROUP BY
    /// of the key for both the count and the example (as two scalar subqueries DuckDB built the 10^7-key hash table twice).
    /// On ClickHouse a screen runs first: the rows minus the distinct 64-bit hashes of the key (<c>uniqExact(cityHash64)</c>,
    /// a set of integers instead of a hash table of text with counts) is 0 exactly when no key repeats and no two keys share
    /// a hash; only otherwise does the exact GROUP BY run. With <paramref name="keysStayOnOneShard"/> both run on each shard
    /// (<c>distributed_group_by_no_merge</c>) and the initiator adds up the shards' answers: at 10^7 keys over two shards the
    /// merged check had taken 2.7 s, the screen per shard takes ~0.6 s (docs/scale.md).
    /// </summary>
    private static (long Count, string? Example)? DuplicateKeys(SqlEngine engine, string key, Func<SqlRenderer, string> from, bool keysStayOnOneShard)
    {
        var d = engine.Dialect;
        string perShard = keysStayOnOneShard ? " SETTINGS distributed_group_by_no_merge = 1" : string.Empty;
        if (d is ClickHouseDialect)
        {
            var screen = new SqlRenderer(d);
            string hashes = "SELECT SUM(" + d.Alias("d") + ") FROM (SELECT count() - uniqExact(cityHash64(" + key + ")) AS " + d.Alias("d") + " FROM " + from(screen)
                + " AS " + d.Alias("s") + " WHERE " + key + " IS NOT NULL) AS " + d.Alias("shards") + perShard;
            if (engine.Query(hashes, screen.Parameters).Single()[0] is not { } repeated || SqlEngine.Integer(repeated) == 0)
            {
                return null;
            }
        }

        var keys = new SqlRenderer(d);
        string k = d.Alias("k");
        string duplicates = "SELECT CAST(COUNT(*) AS " + d.IntegerType + "), MIN(CAST(" + k + " AS VARCHAR)) FROM (SELECT " + key + " AS " + k + " FROM " + from(keys)
            + " AS " + d.Alias("s") + " WHERE " + key + " IS NOT NULL GROUP BY " + key + " HAVING COUNT(*) > 1) AS " + d.Alias("d") + (d is ClickHouseDialect ? perShard : string.Empty);
        var dup = engine.Query(duplicates, keys.Parameters).Single();
        return dup[0] is { } count && SqlEngine.Integer(count) > 0 ? (SqlEngine.Integer(count), dup[1] as string) : null;
    }

    private static string Message(TableSchema table, string column, long count, string what, string? example) =>
        string.Create(CultureInfo.InvariantCulture, $"table '{table.Name}', column '{column}': {count} {what} (counted in the engine)")
        + (example is null ? string.Empty : "; e.g. the row with key '" + ValueExcerpt.Of(example) + "'");

    /// <summary>The rules of each declared column: (code, column, what a failing value is, its condition as SQL).</summary>
    private static List<(string Code, ColumnSchema Column, string What, Func<SqlRenderer, string> Condition)> Rules(TableSchema table, SqlDialect d)
    {
        var rules = new List<(string, ColumnSchema, string, Func<SqlRenderer, string>)>();
        foreach (var column in table.Columns)
        {
            string q = d.QuoteIdentifier(column.Name);
            bool isKey = string.Equals(column.Name, table.Key, StringComparison.Ordinal);
            if (!column.Optional || isKey)
            {
                rules.Add((DataProblemCodes.EngineMissingValue, column, "missing value(s) in a required column", _ => q + " IS NULL"));
            }

            if (column.Kind is ColumnKind.Number or ColumnKind.Integer)
            {
                // NaN and the infinities: x * 0 is NaN for them, and NaN <> 0 in DuckDB and PostgreSQL (both order NaN above every number).
                string whole = column.Kind == ColumnKind.Integer ? " OR " + q + " <> FLOOR(" + q + ")" : string.Empty;
                rules.Add((DataProblemCodes.EngineInvalidNumber, column, column.Kind == ColumnKind.Integer ? "value(s) that are not whole, finite numbers" : "value(s) that are not finite numbers",
                    _ => "(" + q + " IS NOT NULL AND ((" + q + " * 0) <> 0" + whole + "))"));
                if (column.Min is not null || column.Max is not null)
                {
                    string range = (column.Min is { } min ? min.ToString("R", CultureInfo.InvariantCulture) : string.Empty) + ".."
                        + (column.Max is { } max ? max.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
                    rules.Add((DataProblemCodes.EngineOutOfRange, column, "value(s) outside the range " + range, _ => "(" + q + " IS NOT NULL AND (" + string.Join(" OR ",
                        new[] { column.Min is { } lo ? q + " < " + d.Number(lo) : null, column.Max is { } hi ? q + " > " + d.Number(hi) : null }.Where(c => c is not null)) + "))"));
                }
            }

            if (column.Kind == ColumnKind.Bool && d is ClickHouseDialect)
            {
                // A ClickHouse bool is a UInt8 (18.16 has no Bool): a 2 would be neither true nor false to the predicates.
                rules.Add((DataProblemCodes.EngineInvalidBool, column, "value(s) that are not 0 or 1 (a bool held as UInt8)", _ => "(" + q + " IS NOT NULL AND " + q + " NOT IN (0, 1))"));
            }

            if (column.Kind == ColumnKind.Category && column.Levels is { Count: > 0 } levels)
            {
                rules.Add((DataProblemCodes.EngineUnknownLevel, column, "value(s) that are not one of its levels (" + string.Join(", ", levels) + ")",
                    r => "(" + q + " IS NOT NULL AND " + q + " NOT IN (" + string.Join(", ", levels.Select(l => r.Dialect.Bind(l, r.Parameters))) + "))"));
            }
        }

        return rules;
    }
}
