using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// <c>compute in engine</c>: the subject table stays where it lives. <see cref="EngineCohort"/> opens it
/// (<see cref="EngineSource"/>) and counts the subject flow there (<see cref="SqlCohortFlow"/>); each analysis then
/// gathers its sufficient statistics from the engine instead of from the cohort's columns and is finished by the same
/// code as in memory. Every query's text and time go into the run's data sources.
/// </summary>
public sealed partial class StudyRun
{
    private EngineSource? _engineSource;
    private DateTimeOffset _engineOpenedAt;

    /// <summary>A run whose tables are not read into memory: call <see cref="EngineCohort"/> before the analyses.</summary>
    public static StudyRun InEngine(StudySchema schema, StudyRunOptions options, IReadOnlyList<ReportFormat> declaredFormats, string declaredOutput,
        IReadOnlyList<string>? analysisPlan, string? declaredTemplate = null) =>
        new(schema, options, declaredFormats, declaredOutput, analysisPlan, declaredTemplate, computeInEngine: true);

    /// <summary>True when the run computes in an engine (<see cref="InEngine"/>).</summary>
    private bool InEngineMode => _engineSource is not null;

    /// <summary>
    /// Opens the subject table in its engine and counts the subject flow there, as <see cref="Cohort{TRow}"/> counts it
    /// in memory: the first criterion each subject fails (and whether through a missing value), then its groups; a subject
    /// in no group is unassigned, in several is overlapping (which stops the run unless <c>on_overlap exclude</c>).
    /// </summary>
    public EngineCohort EngineCohort(CohortSql sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (_cohort is not null)
        {
            throw new InvalidOperationException("The cohort of this run is already defined.");
        }

        TableSchema table = _schema.Tables[0];
        string? path = table.SourceKind is DataSourceKind.Postgres or DataSourceKind.ClickHouse
            ? null
            : _paths.TryResolve(table.Source, $"table '{table.Name}': the data file", out string resolved, out string refusal)
                ? resolved
                : throw DataFailure(null, [new DataProblem(DataProblemCodes.OutsideStudy, table.Source, 0, null, refusal)], 1);
        _engineOpenedAt = DateTimeOffset.UtcNow;
        SqlFlowCounts counts;
        try
        {
            _engineSource = EngineSource.Open(table, path, new ConnectionResolver(_options.StudyDirectory));
            CheckInEngine(table, _engineSource);
            OpenEngineChildren(table, _engineSource);
            counts = SqlCohortFlow.Count(_engineSource.Engine, sql, _engineSource.From);
        }
        catch (DbException e)
        {
            // The engine's own message (a file it cannot parse, a table it does not have); a server's is scrubbed of its settings.
            _engineSource?.Dispose();
            string message = table.SourceKind == DataSourceKind.Postgres
                ? $"table '{table.Name}': the server reported an error ({e.GetType().Name})"
                : $"table '{table.Name}': the engine could not read the source: {e.Message}";
            throw DataFailure(null, [new DataProblem(DataProblemCodes.ServerError, table.SourceLabel, 0, null, message)], 1);
        }

        bool overall = sql.Groups.Count == 0;
        string[] names = overall ? [OverallColumn] : sql.Groups.Select(g => g.Name).ToArray();
        string[] labels = overall ? ["Overall"] : sql.Groups.Select(g => g.Label).ToArray();
        if (counts.Overlapping > 0 && _schema.OnOverlap == DataPolicy.Fail)
        {
            string subjects = StudyDataException.Plural(checked((int)counts.Overlapping), "subject");
            throw DataFailure($"{subjects} of table '{table.Name}' {(counts.Overlapping == 1 ? "is" : "are")} in more than one group "
                + "(counted in the engine). Overlapping groups stop the run unless the study declares 'groups on_overlap exclude {'.", [], 0);
        }

        int remaining = checked((int)counts.Rows);
        var criteria = new CriterionFlow[sql.Criteria.Count];
        for (int c = 0; c < criteria.Length; c++)
        {
            remaining -= checked((int)counts.ExcludedBy[c]);
            criteria[c] = new CriterionFlow(KindName(sql.Criteria[c].Kind), sql.Criteria[c].Label, checked((int)counts.ExcludedBy[c]),
                checked((int)counts.ExcludedMissing[c]), remaining);
        }

        var groups = names.Select((n, g) => new GroupCount(n, labels[g], checked((int)counts.GroupN[g]))).ToArray();
        int analysed = groups.Sum(g => g.N);

        // The engine returns counts only: the subjects in no group or in several are counted, not listed.
        var flow = new CohortFlow(table.Name, checked((int)counts.Rows), 0, criteria, checked((int)counts.Unassigned), checked((int)counts.Overlapping),
            analysed, groups, [], []);
        CheckSubjectFlowAddsUp(flow);
        var cohort = new EngineCohort(table.Name, names, labels, analysed, sql) { IsOverall = overall };
        _cohort = new CohortState(cohort, flow, new Dictionary<string, string>(StringComparer.Ordinal));
        _analyses.Begin();
        return cohort;
    }

    /// <summary>
    /// The data checks the CSV path does per cell, done by the engine (<see cref="EngineDataCheck"/>): the catalog, then
    /// per table the value counts (and examples of what fails) and the duplicate keys; any problem stops the run with every problem listed, as an invalid CSV row does.
    /// </summary>
    private void CheckInEngine(TableSchema table, EngineSource source)
    {
        List<DataProblem> problems = EngineDataCheck.Catalog(table, source.Columns(), source.EngineName);
        if (problems.Count == 0)
        {
            problems = EngineDataCheck.Values(source.Engine, table, source.From, source.KeysStayOnOneShard);
        }

        if (problems.Count > 0)
        {
            source.Dispose();
            _engineSource = null;
            throw DataFailure(problems.All(p => p.IsFatal) ? null : $"table '{table.Name}' has invalid values (checked in the engine; on_invalid fail)", problems, problems.Count);
        }
    }

    /// <summary>Events and censorings per (group, time) of the analysed subjects, from the engine; the subjects left out are in <paramref name="leftOut"/>.</summary>
    /// <param name="strata">For a stratified test: a binary or categorical variable, coded per stratum as in memory (false 0, true 1; a level's index).</param>
    private SurvivalCounts EngineSurvivalCounts(TimeToEventVariable outcome, out int leftOut, Variable? strata = null)
    {
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine variable in a run without an engine.");
        var cohort = (EngineCohort)outcome.Cohort;
        (SqlExpr, Func<object, int>, int)? stratum = strata switch
        {
            null => null,
            BinaryVariable b => (b.EngineValue!, v => Convert.ToBoolean(v, CultureInfo.InvariantCulture) ? 1 : 0, 2),
            CategoricalVariable c => (c.EngineValue!, v => LevelCode(c, v), Math.Max(1, c.Levels.Count)),
            _ => throw new InvalidOperationException($"Bug: stratum '{strata.Name}' is {strata.KindName}; the run checks it is binary or categorical."),
        };
        return SqlSurvivalCounts.Count(source.Engine, cohort.Sql, outcome.EngineOutcome!, source.From, stratum, out leftOut);

        static int LevelCode(CategoricalVariable c, object value)
        {
            string text = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            for (int i = 0; i < c.Levels.Count; i++)
            {
                if (string.Equals(c.Levels[i], text, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            // The engine's data check refuses a value outside the declared levels before any analysis runs.
            throw new InvalidOperationException($"Bug: '{c.Name}' has the value '{text}' in the engine, which is not one of its levels.");
        }
    }

    /// <summary>The subject table's flow in an engine run: rows read, excluded by criterion and group, analysed.</summary>
    private TableFlow EngineTableFlow(TableSchema schema)
    {
        CohortFlow flow = _cohort?.Flow ?? throw new InvalidOperationException("Define the cohort (StudyRun.EngineCohort) before completing the run.");
        var excluded = flow.Criteria.Select(c => new ExclusionCount(c.Kind, c.Label, c.Excluded)).ToList();
        excluded.Add(new ExclusionCount("unassigned", "in no group", flow.Unassigned));
        excluded.Add(new ExclusionCount("overlapping", "in more than one group", flow.Overlapping));
        return new TableFlow(schema.Name, schema.SourceLabel.Replace('\\', '/'), flow.RowsRead, excluded, flow.Analysed);
    }

    /// <summary>
    /// The console's word on where the rows went: an engine run says it kept them in the engine; otherwise each Parquet,
    /// DuckDB or PostgreSQL table says it was read into memory, and that <c>compute in engine</c> would keep it there; so does
    /// a CSV of at least <see cref="LargeCsvRows"/> rows.
    /// </summary>
    private string[]? SourceNotes()
    {
        if (_engineSource is { } engine)
        {
            return [string.Create(CultureInfo.InvariantCulture,
                $"{_schema.Tables[0].Name}: computed in the engine ({engine.EngineName}, {_schema.Tables[0].SourceLabel.Replace('\\', '/')}) from {engine.Queries.Count} queries of sufficient statistics; no row was read into memory.")];
        }

        var notes = _schema.Tables
            .Where(t => t.SourceKind != DataSourceKind.Csv)
            .Select(t => $"{t.Name}: its rows were read into memory from {t.SourceLabel.Replace('\\', '/')}; 'compute in engine' keeps them in the engine.")
            .Concat(LargeCsvNotes())
            .ToArray();
        return notes.Length == 0 ? null : notes;
    }

    /// <summary>The engine's record for results.json: where the rows stayed, and every query with its time.</summary>
    private DataSourceResult EngineDataSource(EngineSource source) =>
        new(_schema.Tables[0].Name, source.EngineName, source.Connection.Replace('\\', '/'), source.SourceTable, _cohort?.Flow.RowsRead ?? 0,
            string.Join(";\n", source.Queries.Select(q => q.Text)), _engineOpenedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
        {
            ComputedInEngine = true,
            Queries = source.Queries.Select(q => new EngineQueryResult(q.Text, q.Milliseconds, q.Received)).ToArray(),
            ReceivedUnit = source.Engine.ReceivedUnit,
        };
}
