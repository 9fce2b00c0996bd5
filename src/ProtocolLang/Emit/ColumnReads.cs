using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

/// <summary>
/// How <c>Run</c> reads a row of a loaded table without building its typed records: each column is a local over the
/// table's stored array (<c>NumberValues</c>, <c>CategoryValues</c>, ...) indexed by the row, <c>r</c>, with the same C#
/// type the record's property has, so every expression and <c>Fn</c> helper is written exactly as for the records; a derive
/// is its expression inlined (cast to the derive's type, as the record's property declares it). A study whose derives use
/// child-table aggregates keeps the records (their aggregates are record properties), so this never sees an aggregate.
/// </summary>
internal sealed class ColumnReads
{
    private readonly Dictionary<(string Table, string Column), string> _locals = new();
    private readonly Dictionary<(string Table, string Name), DeriveSymbol> _derives = new();

    public ColumnReads(IEnumerable<TableSymbol> tables)
    {
        foreach (var table in tables)
        {
            foreach (var derive in table.Derived)
            {
                _derives[(table.Name, derive.Name)] = derive;
            }
        }
    }

    /// <summary>Names the local that holds a column's values (declared by the caller).</summary>
    public void Add(ColumnSymbol column, string local) => _locals.Add((column.Table, column.Name), local);

    /// <summary>Row <c>r</c> of a column, typed as the record's property (required values unwrapped), parenthesized when cast.</summary>
    public string Read(ColumnSymbol column, ExpressionEmitter expressions)
    {
        if (!_locals.TryGetValue((column.Table, column.Name), out var local))
        {
            throw new System.InvalidOperationException("Column '" + column.Table + "." + column.Name + "' is not read by Run; the binder reported an error.");
        }

        var code = CSharpEmitter.ReadValue(column, local + "[r]", expressions);
        return code.StartsWith("(", System.StringComparison.Ordinal) ? "(" + code + ")" : code;
    }

    /// <summary>The local holding a number column's stored values (<c>NumberValues</c>), or null when Run does not read it.</summary>
    public string? NumberLocal(ColumnSymbol column) =>
        column.Type.Kind == TypeKind.Number && _locals.TryGetValue((column.Table, column.Name), out var local) ? local : null;

    public DeriveSymbol Derive(string table, string name) =>
        _derives.TryGetValue((table, name), out var derive)
            ? derive
            : throw new System.InvalidOperationException("Derive '" + table + "." + name + "' is not declared; the binder reported an error.");

}
