using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    private void EmitSchema()
    {
        _w.Line();
        _w.Line("public static " + RuntimeTypes.StudySchema + " Schema { get; } = new " + RuntimeTypes.StudySchema + "(");
        _w.Indent();
        _w.Line("Name: " + CSharpLiterals.String(_study.Name) + ",");
        _w.Line("Title: " + CSharpLiterals.StringOrNull(_study.Title) + ",");
        _w.Line("Version: " + CSharpLiterals.StringOrNull(_study.Version) + ",");
        _w.Line("StudyFileName: " + CSharpLiterals.String(_study.StudyFileName) + ",");
        _w.Line("StudySha256: " + CSharpLiterals.String(_study.StudySha256) + ",");
        _w.Line("Tables: new " + RuntimeTypes.TableSchema + "[]");
        _w.OpenBrace();
        foreach (var table in _study.Tables)
        {
            _w.Line("new " + RuntimeTypes.TableSchema + "(" + CSharpLiterals.String(table.Name) + ", " + CSharpLiterals.String(table.Source)
                + ", Key: " + CSharpLiterals.StringOrNull(table.Key) + ", Parent: " + CSharpLiterals.StringOrNull(table.Parent)
                + ", LinkColumn: " + CSharpLiterals.StringOrNull(table.LinkColumn) + ", Columns: new " + RuntimeTypes.ColumnSchema + "[]");
            _w.OpenBrace();
            foreach (var column in table.Columns)
            {
                _w.Line(ColumnSchema(column) + ",");
            }

            _w.CloseBrace(TableInit(table) is { Length: > 0 } init ? ") { " + init + " }," : "),");
        }

        var hasInit = _study.ExcludeOverlapping || !_warnings.IsEmpty;
        _w.CloseBrace(hasInit ? ")" : ");");
        _w.Unindent();
        if (hasInit)
        {
            EmitSchemaPolicies();
        }
    }

    /// <summary>The table's init properties that differ from the runtime's defaults (CSV, <c>on_invalid fail</c>), or "".</summary>
    private static string TableInit(TableSymbol table)
    {
        var parts = new List<string>();
        if (table.ExcludeInvalidRows)
        {
            parts.Add("OnInvalid = " + RuntimeTypes.DataPolicy + ".Exclude");
        }

        if (table.SourceKind != TableSourceKind.Csv)
        {
            parts.Add("SourceKind = " + RuntimeTypes.DataSourceKind + "." + table.SourceKind);
        }

        if (table.SourceTable is not null)
        {
            parts.Add("SourceTable = " + CSharpLiterals.String(table.SourceTable));
        }

        return string.Join(", ", parts);
    }

    /// <summary><c>on_overlap</c> and the study's warnings, as init properties of the schema (absent when default / none).</summary>
    private void EmitSchemaPolicies()
    {
        _w.OpenBrace();
        if (_study.ExcludeOverlapping)
        {
            _w.Line("OnOverlap = " + RuntimeTypes.DataPolicy + ".Exclude,");
        }

        if (!_warnings.IsEmpty)
        {
            _w.Line("Warnings = new " + RuntimeTypes.StudyDiagnostic + "[]");
            _w.OpenBrace();
            foreach (var warning in _warnings)
            {
                var start = warning.Location.LineSpan.Start;
                _w.Line("new(" + CSharpLiterals.String(warning.Id) + ", " + CSharpLiterals.String(_study.StudyFileName) + ", "
                    + (start.Line + 1).ToString(CultureInfo.InvariantCulture) + ", " + (start.Character + 1).ToString(CultureInfo.InvariantCulture)
                    + ", " + CSharpLiterals.String(warning.Message) + "),");
            }

            _w.CloseBrace(",");
        }

        _w.CloseBrace(";");
    }

    private static string ColumnSchema(ColumnSymbol column)
    {
        var arguments = new List<string> { CSharpLiterals.String(column.Name), RuntimeTypes.ColumnKind + "." + column.Type.Kind };
        if (column.Type.Category is { } category)
        {
            arguments.Add("Levels: new[] { " + string.Join(", ", category.Levels.Select(CSharpLiterals.String)) + " }");
        }

        if (column.Unit is not null)
        {
            arguments.Add("Unit: " + CSharpLiterals.String(column.Unit));
        }

        if (column.Min is { } min)
        {
            arguments.Add("Min: " + CSharpLiterals.Number(min));
        }

        if (column.Max is { } max)
        {
            arguments.Add("Max: " + CSharpLiterals.Number(max));
        }

        if (column.Optional)
        {
            arguments.Add("Optional: true");
        }

        if (column.Label is not null)
        {
            arguments.Add("Label: " + CSharpLiterals.String(column.Label));
        }

        if (column.Type.Category is { HasLabels: true } labelled)
        {
            arguments.Add("LevelLabels: new[] { " + string.Join(", ", labelled.LevelLabels.Select(CSharpLiterals.String)) + " }");
        }

        return "new " + RuntimeTypes.ColumnSchema + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>Typed rows from a loaded table. Required columns are never null after validation, so their values are unwrapped.</summary>
    private void EmitReader(TableSymbol table)
    {
        var names = _names.Table(table.Name);
        var expressions = new ExpressionEmitter(_names, string.Empty, table.Name, InRecord: false);
        var locals = new LocalNames(_names, "table", "rows", "i");
        var columnLocals = table.Columns.Select(c => locals.Allocate(c.Name)).ToArray();

        _w.Line();
        _w.Line("/// <summary>The valid rows of table <c>" + CSharpLiterals.CommentText(table.Name) + "</c> as typed records.</summary>");
        _w.Line("public static " + RuntimeTypes.IReadOnlyList + "<" + names.Row + "> " + names.Reader + "(" + RuntimeTypes.DataTable + " table)");
        _w.OpenBrace();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            var column = table.Columns[i];
            _w.Line("var " + columnLocals[i] + " = table." + ReaderMethod(column.Type.Kind) + "(" + CSharpLiterals.String(column.Name) + ");");
        }

        _w.Line("var rows = new " + names.Row + "[table.RowCount];");
        _w.Line("for (var i = 0; i < rows.Length; i++)");
        _w.OpenBrace();
        _w.Line("rows[i] = new " + names.Row + "(");
        _w.Indent();
        _w.Write("table.SourceRows[i]");
        for (var i = 0; i < table.Columns.Length; i++)
        {
            _w.Line(",");
            _w.Write(ReadValue(table.Columns[i], columnLocals[i] + "[i]", expressions));
        }

        _w.Line(");");
        _w.Unindent();
        _w.CloseBrace();
        _w.Line();
        _w.Line("return rows;");
        _w.CloseBrace();
    }

    // Number and category columns are read as stored (NumberValues, CategoryValues: NaN / -1 for missing), so building the
    // records holds no 16- or 8-byte-a-row nullable copy of each column beside the table (docs/performance.md, Session 13).
    private static string ReaderMethod(TypeKind kind) => kind switch
    {
        TypeKind.Integer => "Integer",
        TypeKind.Text => "Text",
        TypeKind.Bool => "Bool",
        TypeKind.Date => "Date",
        TypeKind.Category => "CategoryValues",
        _ => "NumberValues",
    };

    internal static string ReadValue(ColumnSymbol column, string value, ExpressionEmitter expressions)
    {
        if (column.Type.Kind == TypeKind.Category)
        {
            var enumName = expressions.TypeName(column.Type);
            return column.Optional ? "(" + enumName + "?)" + value : "(" + enumName + ")" + value + ".GetValueOrDefault()";
        }

        if (column.Optional)
        {
            return value;
        }

        return column.Type.Kind == TypeKind.Text ? value + "!" : value + ".GetValueOrDefault()";
    }
}
