using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// Checks that a schema is well-formed before any file is read. The binder guarantees all of this for
/// generated code, so a failure here is a bug, reported as an <see cref="ArgumentException"/>, not a data problem.
/// </summary>
internal static class SchemaCheck
{
    public static void Validate(StudySchema schema)
    {
        var tables = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
        {
            if (!tables.TryAdd(table.Name, table))
            {
                throw Bad($"table '{table.Name}' is declared twice");
            }

            var columns = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in table.Columns)
            {
                if (!columns.Add(column.Name))
                {
                    throw Bad($"table '{table.Name}' declares column '{column.Name}' twice");
                }
            }

            if (table.Key is not null && !columns.Contains(table.Key))
            {
                throw Bad($"the key '{table.Key}' of table '{table.Name}' is not one of its columns");
            }

            if ((table.Parent is null) != (table.LinkColumn is null))
            {
                throw Bad($"table '{table.Name}' must declare both a parent and a link column, or neither");
            }

            if (table.LinkColumn is not null && !columns.Contains(table.LinkColumn))
            {
                throw Bad($"the link column '{table.LinkColumn}' of table '{table.Name}' is not one of its columns");
            }
        }

        foreach (var table in schema.Tables.Where(t => t.Parent is not null))
        {
            if (!tables.TryGetValue(table.Parent!, out var parent))
            {
                throw Bad($"the parent '{table.Parent}' of table '{table.Name}' is not a table of the study");
            }

            if (parent.Key is null)
            {
                throw Bad($"table '{table.Name}' links to '{parent.Name}', which has no key");
            }
        }
    }

    /// <summary>Schema order, except that each table comes after its parent.</summary>
    public static IReadOnlyList<TableSchema> ParentsFirst(StudySchema schema)
    {
        var byName = schema.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var order = new List<TableSchema>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        void Place(TableSchema table)
        {
            if (placed.Contains(table.Name))
            {
                return;
            }

            if (!visiting.Add(table.Name))
            {
                throw Bad($"table '{table.Name}' is its own ancestor (parent cycle)");
            }

            if (table.Parent is not null)
            {
                Place(byName[table.Parent]);
            }

            placed.Add(table.Name);
            order.Add(table);
        }

        foreach (var table in schema.Tables)
        {
            Place(table);
        }

        return order;
    }

    private static ArgumentException Bad(string message) => new($"Invalid study schema: {message}.", "schema");
}
