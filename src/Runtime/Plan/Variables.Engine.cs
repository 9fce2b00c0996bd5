using System;
using System.Collections.Generic;
using ProtocolLang.Runtime.Sql;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Variables of a <c>compute in engine</c> run: each names its expressions as the engine computes them, and holds no
/// values; an analysis asks the engine for the variable's sufficient statistics (see <c>StudyRun.Engine.cs</c>).
/// </summary>
public static partial class Variables
{
    /// <summary>A time to an event whose time, event and horizon the engine computes (<see cref="SqlSurvivalCounts"/>).</summary>
    public static TimeToEventVariable TimeToEvent(EngineCohort c, string name, string label, string? unit, double? horizon, SqlOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Time is null || outcome.Event is null)
        {
            throw new ArgumentException($"Outcome '{name}' has no engine form: {outcome.Unmapped ?? "it has no time and event"}.", nameof(outcome));
        }

        return new TimeToEventVariable(c, name, label, unit, horizon, [], []) { EngineOutcome = outcome };
    }

    /// <summary>A number of the subject table that the engine computes (<paramref name="value"/>); a covariate of a Cox model in an engine.</summary>
    public static ContinuousVariable Continuous(EngineCohort c, string name, string label, string? unit, Summary summary, SqlExpr value) =>
        new(c ?? throw new ArgumentNullException(nameof(c)), name, label, unit, summary, []) { EngineValue = value ?? throw new ArgumentNullException(nameof(value)) };

    /// <summary>A count the engine computes.</summary>
    public static CountVariable Count(EngineCohort c, string name, string label, SqlExpr value) =>
        new(c ?? throw new ArgumentNullException(nameof(c)), name, label, []) { EngineValue = value ?? throw new ArgumentNullException(nameof(value)) };

    /// <summary>A yes/no the engine computes (a boolean expression; NULL is missing).</summary>
    public static BinaryVariable Binary(EngineCohort c, string name, string label, SqlExpr value) =>
        new(c ?? throw new ArgumentNullException(nameof(c)), name, label, []) { EngineValue = value ?? throw new ArgumentNullException(nameof(value)) };

    /// <summary>A category the engine computes: <paramref name="value"/> is the level's name as text (NULL is missing).</summary>
    public static CategoricalVariable Categorical(EngineCohort c, string name, string label, IReadOnlyList<string> levels, IReadOnlyList<string> levelLabels, SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(levelLabels);
        if (levelLabels.Count != levels.Count)
        {
            throw new ArgumentException($"Variable '{name}' has {levels.Count} levels but {levelLabels.Count} labels.", nameof(levelLabels));
        }

        return new CategoricalVariable(c, name, label, levels, levelLabels, []) { EngineValue = value ?? throw new ArgumentNullException(nameof(value)) };
    }

    /// <inheritdoc cref="Categorical(EngineCohort, string, string, IReadOnlyList{string}, IReadOnlyList{string}, SqlExpr)"/>
    public static CategoricalVariable Categorical(EngineCohort c, string name, string label, IReadOnlyList<string> levels, SqlExpr value) =>
        Categorical(c, name, label, levels, levels, value);

    /// <summary>
    /// A repeated outcome of child table <paramref name="table"/> whose value and time the engine computes per child row;
    /// its rows are joined to the analysed subjects there (<see cref="SqlChildRows"/>), never read into memory.
    /// </summary>
    public static RepeatedVariable Repeated(EngineCohort c, string table, string name, string label, string? unit, string timeName, SqlExpr value, SqlExpr time) =>
        new(c ?? throw new ArgumentNullException(nameof(c)), table, name, label, unit, timeName, [], [], [])
        {
            EngineValue = value ?? throw new ArgumentNullException(nameof(value)),
            EngineTime = time ?? throw new ArgumentNullException(nameof(time)),
        };
}
