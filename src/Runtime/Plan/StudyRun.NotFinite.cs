using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// PL5050 for each analysed variable that lost rows to non-finite values (a derive divided by
    /// zero, took the log or square root of a value outside its domain, or overflowed): those rows
    /// are missing, never an infinity in a mean or a NaN in a rank search.
    /// </summary>
    /// <remarks>
    /// In a scoped analysis (a population, <c>where</c>, <c>by</c> or a <c>within</c> level) the variables are mapped onto
    /// its subjects (<see cref="ScopeMapping"/>), which keeps only their non-finite rows: the count is the scope's, and the
    /// message says so, so a subgroup's warning never counts rows of other subgroups.
    /// </remarks>
    private static IEnumerable<WarningResult> NotFiniteWarnings(IEnumerable<Variable?> variables) =>
        variables.OfType<Variable>().Distinct().Where(v => v.NotFiniteCount > 0).Select(v => StatisticsWarnings.Warning(
            StatisticsWarnings.NotFiniteValues, string.Create(CultureInfo.InvariantCulture,
                $"'{v.Name}': {v.NotFiniteCount} row(s){(v.Cohort is ScopedCohort ? " of the subjects in the analysis' scope" : string.Empty)} gave no finite number (division by zero, log or square root of a value outside its domain, or overflow); they are treated as missing")));
}
