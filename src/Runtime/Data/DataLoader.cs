using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>
/// Loads and validates every table of a study. Nothing is lost: each data row read is either kept or
/// listed in <see cref="DataTable.ExcludedRows"/> with its reason, so <c>RowsRead == RowCount + ExcludedRows.Count</c>.
/// </summary>
/// <remarks>
/// Parents load before their children (a topological order that otherwise keeps schema order), because a
/// child row must link to a kept parent row. Problems are ordered by table (schema order), row, then column
/// (file order), with key and link problems after a row's cell problems. Missing files and columns are
/// fatal (<see cref="LoadedData.HasFatalProblems"/>); the caller then throws <see cref="StudyDataException"/>.
/// </remarks>
public static class DataLoader
{
    /// <param name="studyDirectory">The folder of the <c>.study</c> file; table sources are relative to it.</param>
    /// <param name="problemLimit">How many non-fatal problems to list; all are counted.</param>
    /// <param name="paths">Where data may be read (default: only inside <paramref name="studyDirectory"/>); a source outside is the fatal PL4040.</param>
    /// <param name="connections">Resolves the connection names of server sources (default: the environment and the
    /// connections file in <paramref name="studyDirectory"/>).</param>
    /// <exception cref="ArgumentException">The schema is inconsistent (generated code and runtime disagree).</exception>
    public static LoadedData Load(
        StudySchema schema, string studyDirectory, int problemLimit = 100, IO.StudyPaths? paths = null, Engines.ConnectionResolver? connections = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(studyDirectory);
        ArgumentOutOfRangeException.ThrowIfNegative(problemLimit);
        SchemaCheck.Validate(schema);
        paths ??= new IO.StudyPaths(studyDirectory);
        connections ??= new Engines.ConnectionResolver(studyDirectory);

        var loaded = new Dictionary<string, LoadedTable>(StringComparer.Ordinal);
        foreach (var table in SchemaCheck.ParentsFirst(schema))
        {
            var parent = table.Parent is null ? null : loaded[table.Parent];
            loaded.Add(table.Name, TableLoader.Load(table, paths, connections, parent, problemLimit));
        }

        var inOrder = schema.Tables.Select(t => loaded[t.Name]).ToList();
        var problems = new List<DataProblem>();
        var listedNonFatal = 0;
        foreach (var problem in inOrder.SelectMany(t => t.Problems.Listed))
        {
            if (problem.IsFatal || listedNonFatal < problemLimit)
            {
                problems.Add(problem);
                listedNonFatal += problem.IsFatal ? 0 : 1;
            }
        }

        return new LoadedData(
            inOrder.Select(t => t.Table).ToList(),
            problems,
            inOrder.Sum(t => t.Problems.Count),
            inOrder.Where(t => t.File is not null).Select(t => t.File!).ToList(),
            inOrder.Where(t => t.Server is not null).Select(t => t.Server!).ToList());
    }
}
