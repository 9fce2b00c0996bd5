using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    // An engine variable's count of undefined values, asked of the engine once per run. Only engine runs write it, and they
    // run their analyses one after another (StudyRun.Scope: no parallel analyses in engine mode), so a plain dictionary serves.
    private readonly Dictionary<Variable, long> _engineNotFinite = [];

    /// <summary>
    /// PL5050 for each analysed variable that lost rows to non-finite values (a derive divided by
    /// zero, took the log or square root of a value outside its domain, or overflowed): those rows
    /// are missing, never an infinity in a mean or a NaN in a rank search.
    /// </summary>
    /// <remarks>
    /// In a scoped analysis (a population, <c>where</c>, <c>by</c> or a <c>within</c> level) the variables are mapped onto
    /// its subjects (<see cref="ScopeMapping"/>), which keeps only their non-finite rows: the count is the scope's, and the
    /// message says so, so a subgroup's warning never counts rows of other subgroups. In an engine run the engine counts
    /// them (<see cref="SqlNotFinite"/>), so a subject left out there is said just as in memory.
    /// </remarks>
    private IEnumerable<WarningResult> NotFiniteWarnings(IEnumerable<Variable?> variables) =>
        variables.OfType<Variable>().Distinct().Select(v => (Variable: v, Count: NotFiniteCount(v))).Where(v => v.Count > 0).Select(v => StatisticsWarnings.Warning(
            StatisticsWarnings.NotFiniteValues, string.Create(CultureInfo.InvariantCulture,
                $"'{v.Variable.Name}': {v.Count} row(s){(v.Variable.Cohort is ScopedCohort ? " of the subjects in the analysis' scope" : string.Empty)} gave no finite number (division by zero, log or square root of a value outside its domain, or overflow); they are treated as missing")));

    private long NotFiniteCount(Variable variable)
    {
        if (variable.Cohort is not EngineCohort cohort)
        {
            return variable.NotFiniteCount;
        }

        if (!_engineNotFinite.TryGetValue(variable, out long count))
        {
            SqlExpr? value = variable is TimeToEventVariable t ? t.EngineOutcome?.Time : variable.EngineValue;
            SqlExpr? undefined = value is null ? null : SqlNotFinite.Predicate(value);
            count = undefined is null ? 0 : SqlNotFinite.Count(Engine.Engine, cohort.Sql, undefined, Engine.From);
            _engineNotFinite[variable] = count;
        }

        return count;
    }
}
