using System.Collections.Generic;
using System.Data.Common;

namespace ProtocolLang.Runtime.Sql;

/// <summary>An ADO.NET command with its values bound in order (DuckDB's <c>?</c>, Npgsql's positional parameters).</summary>
internal static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, string sql, IReadOnlyList<object> values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
