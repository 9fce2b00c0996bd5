using System;
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
}
