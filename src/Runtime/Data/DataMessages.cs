using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// The text of every data problem. Each message stands alone (it names the column), because it is
/// also the exclusion reason shown in the subject flow, away from the file/row location.
/// </summary>
internal static class DataMessages
{
    /// <summary>How many header names a message lists before "..." (a wrong file may have thousands).</summary>
    private const int MaxHeaderNames = 20;

    public static string FileNotFound(TableSchema table, string fullPath) =>
        $"data file '{table.Source}' of table '{table.Name}' was not found (looked for '{fullPath}')";

    public static string UnreadableFile(TableSchema table, string reason) =>
        $"data file '{table.Source}' of table '{table.Name}' could not be read: {reason}";

    public static string InvalidUtf8(long line) =>
        Invariant($"the file is not valid UTF-8 text (first invalid byte on line {line}); save it as UTF-8 (\"CSV UTF-8\" in Excel)");

    public static string EmptyFile(TableSchema table) =>
        $"the file is empty; expected a header row naming the columns of table '{table.Name}'";

    public static string NoRows(TableSchema table) => $"the file has a header but no data rows for table '{table.Name}'";

    public static string MissingColumn(ColumnSchema column, IReadOnlyList<string> header)
    {
        var names = header.Count <= MaxHeaderNames
            ? string.Join(", ", header.Select(Show))
            : string.Join(", ", header.Take(MaxHeaderNames).Select(Show)) + Invariant($", ... ({header.Count} columns)");
        var message = $"column '{column.Name}' is declared but is not in the header ({names})";
        return NearestName.Find(column.Name, header) is { } near
            ? $"{message}; did you mean '{Show(near)}'? (column names are case-sensitive)"
            : message;
    }

    public static string DuplicateColumn(string name, int firstField, int field) =>
        Invariant($"column '{Show(name)}' appears more than once in the header (fields {firstField} and {field}); it is ambiguous which to read");

    public static string UndeclaredColumn(string name, int field) =>
        Invariant($"column '{Show(name)}' (field {field}) is not declared in the study and is ignored");

    public static string FieldCount(int fields, int expected, int firstLine, int lastLine)
    {
        var message = Invariant($"the row has {fields} field{(fields == 1 ? string.Empty : "s")} but the header has {expected}");
        return lastLine > firstLine
            ? Invariant($"{message}; it spans lines {firstLine} to {lastLine}: is a quote left unclosed?")
            : message;
    }

    public static string MissingValue(ColumnSchema column, bool isKey) => isKey
        ? $"the key column '{column.Name}' has no value"
        : $"column '{column.Name}' is required but the value is missing";

    public static string Invalid(ColumnSchema column, ReadOnlySpan<char> cell) => column.Kind switch
    {
        ColumnKind.Number => $"value '{Show(cell)}' in column '{column.Name}' is not a number{DecimalCommaHint(cell)}",
        ColumnKind.Integer => $"value '{Show(cell)}' in column '{column.Name}' is not an integer",
        ColumnKind.Bool => $"value '{Show(cell)}' in column '{column.Name}' is not a bool; expected true/false or 1/0",
        ColumnKind.Date => $"value '{Show(cell)}' in column '{column.Name}' is not a date; expected {CellParser.DateFormat}, e.g. 2024-03-31",
        ColumnKind.Category => UnknownLevel(column, cell),
        _ => $"value '{Show(cell)}' in column '{column.Name}' is not valid",
    };

    public static string BelowMin(ColumnSchema column, ReadOnlySpan<char> cell) =>
        $"value '{Show(cell)}' is below the minimum {Number(column.Min)} of column '{column.Name}'";

    public static string AboveMax(ColumnSchema column, ReadOnlySpan<char> cell) =>
        $"value '{Show(cell)}' is above the maximum {Number(column.Max)} of column '{column.Name}'";

    public static string DuplicateKey(ColumnSchema key, string value, int firstRow) =>
        Invariant($"duplicate key: {key.Name} '{Show(value)}' is already used by row {firstRow}");

    public static string UnknownParent(ColumnSchema link, string value, TableSchema parent) =>
        $"no row with {link.Name} '{Show(value)}' in parent table '{parent.Name}' ({parent.SourceLabel})";

    public static string ParentExcluded(ColumnSchema link, string value, TableSchema parent, int parentRow, string reason) =>
        Invariant($"the parent row with {link.Name} '{Show(value)}' (row {parentRow} of {parent.SourceLabel}) was excluded: {reason}");

    /// <summary>
    /// Why a row was excluded, without its value, so that the flow counts rows by reason ("column 'age' is out of
    /// range: 3 rows") rather than one line per distinct value. The problems list has each row's value.
    /// </summary>
    public static string Reason(string code, string? column, TableSchema table) => code switch
    {
        DataProblemCodes.OutOfRange => $"column '{column}' is outside its range",
        DataProblemCodes.FieldCount => "the row has the wrong number of fields",
        DataProblemCodes.MissingValue => string.Equals(column, table.Key, StringComparison.Ordinal)
            ? $"the key column '{column}' has no value"
            : $"column '{column}' is required but missing",
        DataProblemCodes.InvalidNumber => $"column '{column}' is not a number",
        DataProblemCodes.InvalidInteger => $"column '{column}' is not an integer",
        DataProblemCodes.InvalidDate => $"column '{column}' is not a date",
        DataProblemCodes.InvalidBool => $"column '{column}' is not a bool",
        DataProblemCodes.UnknownLevel => $"column '{column}' is not one of its levels",
        DataProblemCodes.DuplicateKey => $"duplicate key '{column}'",
        DataProblemCodes.UnknownParent => $"no parent row in table '{table.Parent}'",
        DataProblemCodes.ParentExcluded => $"its parent row in table '{table.Parent}' was excluded",
        _ => code,
    };

    /// <summary>Appended when a row's first line is not <c>row + 1</c> (blank lines or multi-line fields before it).</summary>
    public static string WithLine(string message, int line) => Invariant($"{message} (line {line})");

    private static string UnknownLevel(ColumnSchema column, ReadOnlySpan<char> cell)
    {
        var levels = column.Levels ?? Array.Empty<string>();
        var message = $"value '{Show(cell)}' in column '{column.Name}' is not one of its levels ({string.Join(", ", levels)})";
        if (LabelledLevel(column, cell) is { } labelled)
        {
            return $"{message}; '{Show(cell)}' is the label of level '{labelled}': the file must hold the level";
        }

        if (NumericLevel(levels, cell) is { } numeric)
        {
            return $"{message}; the level is written '{numeric}' (levels match the text exactly)";
        }

        return NearestName.Find(cell.ToString(), levels) is { } near ? $"{message}; did you mean '{near}'?" : message;
    }

    /// <summary>The level whose label the cell is (<c>Male</c> for <c>category(1 "Male")</c>), or null.</summary>
    private static string? LabelledLevel(ColumnSchema column, ReadOnlySpan<char> cell)
    {
        if (column.LevelLabels is not { } labels || column.Levels is not { } levels || labels.Count != levels.Count)
        {
            return null;
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (cell.SequenceEqual(labels[i]))
            {
                return levels[i];
            }
        }

        return null;
    }

    /// <summary>The number level of the same value as a number cell (<c>1</c> for <c>1.0</c>), or null.</summary>
    private static string? NumericLevel(IReadOnlyList<string> levels, ReadOnlySpan<char> cell)
    {
        if (!CellParser.TryParseNumber(cell, out var value))
        {
            return null;
        }

        foreach (var level in levels)
        {
            if (CellParser.TryParseNumber(level, out var code) && code == value)
            {
                return level;
            }
        }

        return null;
    }

    private static string DecimalCommaHint(ReadOnlySpan<char> cell)
    {
        if (cell.IndexOf(',') < 0)
        {
            return string.Empty;
        }

        var dotted = cell.ToString().Replace(',', '.');
        return CellParser.TryParseNumber(dotted, out _) ? "; use '.' as the decimal separator" : string.Empty;
    }

    /// <summary>A value from the file as quoted in a message: a short, escaped excerpt (<see cref="ValueExcerpt"/>).</summary>
    private static string Show(ReadOnlySpan<char> cell) => ValueExcerpt.Of(cell);

    private static string Show(string value) => ValueExcerpt.Of(value);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
