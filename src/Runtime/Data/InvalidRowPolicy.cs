using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>Applies <c>on_invalid</c>: which tables have invalid rows that their policy does not allow to exclude.</summary>
internal static class InvalidRowPolicy
{
    /// <summary>
    /// Why the run must stop, or null when every invalid row may be excluded. A row excluded only because its
    /// parent row was (PL4016) does not count: the parent's table decides.
    /// </summary>
    public static string? Violation(StudySchema schema, LoadedData data)
    {
        var tables = new List<string>();
        foreach (var table in schema.Tables.Where(t => t.OnInvalid == DataPolicy.Fail))
        {
            var invalid = data[table.Name].ExcludedRows.Count(e => DataProblemCodes.SeverityOf(e.Code) != DataProblemSeverity.Warning);
            if (invalid > 0)
            {
                tables.Add($"table '{table.Name}' has {StudyDataException.Plural(invalid, "invalid row")}");
            }
        }

        return tables.Count == 0
            ? null
            : string.Join("; ", tables) + ". Invalid rows stop the run unless the study declares 'on_invalid exclude' "
                + "(for the study, or in a table's header), which excludes them and counts them by reason in the subject flow.";
    }
}
