using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Data;

/// <summary>The result of <see cref="DataLoader.Load"/>: every table (possibly empty), the problems found and the files read.</summary>
public sealed class LoadedData
{
    private readonly Dictionary<string, DataTable> _byName;

    internal LoadedData(IReadOnlyList<DataTable> tables, IReadOnlyList<DataProblem> problems, int problemCount, IReadOnlyList<DataFileInfo> files,
        IReadOnlyList<ServerSourceInfo>? servers = null)
    {
        Servers = servers ?? [];
        Tables = tables;
        Problems = problems;
        ProblemCount = problemCount;
        Files = files;
        HasFatalProblems = problems.Any(p => p.IsFatal);
        _byName = tables.ToDictionary(t => t.Name, System.StringComparer.Ordinal);
    }

    /// <summary>The tables in schema order. A table whose file could not be read is empty.</summary>
    public IReadOnlyList<DataTable> Tables { get; }

    public DataTable this[string table] => _byName.TryGetValue(table, out var t)
        ? t
        : throw new KeyNotFoundException($"The study has no table '{table}'; tables: {string.Join(", ", _byName.Keys)}.");

    /// <summary>
    /// Problems in file (schema) order, then row, then column order: the first <c>problemLimit</c> of them,
    /// and every fatal problem even beyond that limit (fatal problems are few: at most a handful per table).
    /// </summary>
    public IReadOnlyList<DataProblem> Problems { get; }

    /// <summary>All problems found, listed or not.</summary>
    public int ProblemCount { get; }

    /// <summary>One entry per table whose file was read, in schema order. A missing file has no entry.</summary>
    public IReadOnlyList<DataFileInfo> Files { get; }

    /// <summary>One entry per table read from a database server, in schema order.</summary>
    public IReadOnlyList<ServerSourceInfo> Servers { get; }

    /// <summary>A file or declared column is missing, or a file cannot be read: the study must not run.</summary>
    public bool HasFatalProblems { get; }
}
