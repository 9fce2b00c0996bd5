using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The analysed subjects of a study: those that passed every criterion and fell in exactly one
/// group, in source order, each with its group code (index into <see cref="GroupNames"/>).
/// </summary>
public abstract class Cohort
{
    private readonly int[] _groupCodes;

    // Built on the first lookup (child tables, group sets): a study with none never pays for hashing every key again.
    private Dictionary<string, int>? _indexByKey;

    // Set for a cohort whose subjects stay in an engine (no group codes or keys in memory).
    private readonly int? _analysedInEngine;

    /// <summary>A cohort whose <paramref name="analysed"/> subjects stay in an engine: no codes or keys are held here.</summary>
    private protected Cohort(string table, IReadOnlyList<string> groupNames, IReadOnlyList<string> groupLabels, int analysed)
        : this(table, groupNames, groupLabels, [], [])
    {
        _analysedInEngine = analysed;
    }

    private protected Cohort(string table, IReadOnlyList<string> groupNames, IReadOnlyList<string> groupLabels, int[] groupCodes, IReadOnlyList<string> keys)
    {
        Table = table;
        GroupNames = groupNames;
        GroupLabels = groupLabels;
        _groupCodes = groupCodes;
        Keys = keys;
    }

    /// <summary>The subject table.</summary>
    public string Table { get; }

    /// <summary>The flow of each named group set built on this cohort (<see cref="GroupSets"/>), in the order built, for the subject flow.</summary>
    internal List<Results.GroupSetFlow> GroupSetFlows { get; } = [];

    /// <summary>Group names in declaration order.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Group labels, parallel to <see cref="GroupNames"/>.</summary>
    public IReadOnlyList<string> GroupLabels { get; }

    /// <summary>Number of analysed subjects.</summary>
    public int Count => _analysedInEngine ?? _groupCodes.Length;

    /// <summary>For each analysed subject, the index of its group in <see cref="GroupNames"/>.</summary>
    public ReadOnlySpan<int> GroupCodes => _groupCodes;

    /// <summary>The key of each analysed subject.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The index of the analysed subject with this key, or -1.</summary>
    public int IndexOf(string key) => IndexByKey().TryGetValue(key, out int i) ? i : -1;

    private Dictionary<string, int> IndexByKey()
    {
        if (_indexByKey is null)
        {
            var index = new Dictionary<string, int>(Keys.Count, StringComparer.Ordinal);
            for (int i = 0; i < Keys.Count; i++)
            {
                index[Keys[i]] = i;
            }

            _indexByKey = index;
        }

        return _indexByKey;
    }

    /// <summary>The index of a group by name, or -1.</summary>
    public int GroupIndex(string name)
    {
        for (int g = 0; g < GroupNames.Count; g++)
        {
            if (string.Equals(GroupNames[g], name, StringComparison.Ordinal))
            {
                return g;
            }
        }

        return -1;
    }

    internal int[] GroupCodeArray => _groupCodes;

    /// <summary>
    /// One group of everyone (<c>overall</c>): a study without a <c>groups</c> block, or an analysis' <c>overall</c> scope.
    /// A descriptive table then shows the overall column alone.
    /// </summary>
    internal bool IsOverall { get; init; }
}

/// <summary>
/// The analysed subjects of a <c>compute in engine</c> run: their groups and count, and the criteria and groups as SQL
/// (<see cref="Sql"/>); the subjects themselves stay in the engine, so the variables built on this cohort hold no values.
/// </summary>
public sealed class EngineCohort : Cohort
{
    internal EngineCohort(string table, IReadOnlyList<string> groupNames, IReadOnlyList<string> groupLabels, int analysed, Sql.CohortSql sql)
        : base(table, groupNames, groupLabels, analysed)
    {
        Sql = sql;
    }

    /// <summary>The criteria, groups and outcomes as an engine computes them.</summary>
    public Sql.CohortSql Sql { get; }
}

/// <summary>The analysed subjects as typed rows, with their groups.</summary>
public sealed class Cohort<TRow> : Cohort
{
    internal Cohort(string table, IReadOnlyList<string> groupNames, IReadOnlyList<string> groupLabels, TRow[] rows, int[] groupCodes, IReadOnlyList<string> keys)
        : base(table, groupNames, groupLabels, groupCodes, keys)
    {
        Rows = rows;
    }

    /// <summary>The analysed subjects' rows, parallel to <see cref="Cohort.GroupCodes"/>.</summary>
    public IReadOnlyList<TRow> Rows { get; }
}

/// <summary>The rows of a child table (e.g. visits) whose subject is analysed, linked to it.</summary>
public sealed class ChildRows<TChild>
{
    private readonly int[] _subjectIndex;

    internal ChildRows(string table, Cohort cohort, TChild[] rows, int[] subjectIndex)
    {
        Table = table;
        Cohort = cohort;
        Rows = rows;
        _subjectIndex = subjectIndex;
    }

    public string Table { get; }

    /// <summary>The table's source (its <c>from</c> path), so a problem found in an analysis can name the file.</summary>
    internal string Source { get; init; } = "";

    /// <summary>For each kept row, its 1-based data row in <see cref="Source"/> (empty when not known).</summary>
    internal int[] SourceRowArray { get; init; } = [];

    public Cohort Cohort { get; }

    /// <summary>Kept rows in source order.</summary>
    public IReadOnlyList<TChild> Rows { get; }

    /// <summary>For each kept row, the index of its subject in the cohort.</summary>
    public ReadOnlySpan<int> SubjectIndex => _subjectIndex;

    internal int[] SubjectIndexArray => _subjectIndex;
}
