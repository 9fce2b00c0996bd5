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

    /// <summary>A number the engine computes; describe and compare read its value counts (<see cref="SqlNumberCounts"/>).</summary>
    public static ContinuousVariable Continuous(EngineCohort c, string name, string label, string? unit, Summary summary, SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        return new ContinuousVariable(c, name, label, unit, summary, []) { EngineValue = value };
    }

    /// <summary>A count the engine computes, summarised as a number.</summary>
    public static CountVariable Count(EngineCohort c, string name, string label, SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        return new CountVariable(c, name, label, []) { EngineValue = value };
    }

    /// <summary>A yes/no value the engine computes; its counts per group come from one GROUP BY (<see cref="SqlValueCounts"/>).</summary>
    public static BinaryVariable Binary(EngineCohort c, string name, string label, SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(value);
        return new BinaryVariable(c, name, label, []) { EngineValue = value };
    }

    /// <summary>A category the engine computes (its level names, as the data holds them); each level labelled by its name.</summary>
    public static CategoricalVariable Categorical(EngineCohort c, string name, string label, IReadOnlyList<string> levels, SqlExpr value) =>
        Categorical(c, name, label, levels, levels, value);

    /// <summary>A category the engine computes, with the labels a reader sees.</summary>
    public static CategoricalVariable Categorical(EngineCohort c, string name, string label, IReadOnlyList<string> levels, IReadOnlyList<string> levelLabels, SqlExpr value)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(levelLabels);
        ArgumentNullException.ThrowIfNull(value);
        return new CategoricalVariable(c, name, label, levels, levelLabels, []) { EngineValue = value };
    }
}
