using System;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Sql;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The sufficient statistics describe and compare take from an engine: the value counts of a number
/// (<see cref="SqlNumberCounts"/>, from which every moment, quantile and rank statistic is computed exactly), and the
/// counts per (group, level) of a yes/no or categorical variable (<see cref="SqlValueCounts"/>).
/// </summary>
public sealed partial class StudyRun
{
    private EngineSource Engine => _engineSource ?? throw new InvalidOperationException("Bug: an engine variable in a run without an engine.");

    /// <summary>The analysed subjects per group, as the engine counted them in the subject flow.</summary>
    private int[] EngineGroupN()
    {
        var flow = _cohort?.Flow ?? throw new InvalidOperationException("Define the cohort (StudyRun.EngineCohort) before the analyses.");
        return flow.Groups.Select(g => g.N).ToArray();
    }

    /// <summary>Per group, the count of each distinct value of a numeric engine variable.</summary>
    private NumberCounts EngineNumbers(Variable variable)
    {
        var cohort = (EngineCohort)variable.Cohort;
        return SqlNumberCounts.Count(Engine.Engine, cohort.Sql, variable.EngineValue!, Engine.From);
    }

    /// <summary>
    /// Per group, the subjects at each level of a yes/no variable (index 0 = false, 1 = true, the in-memory codes) or a
    /// categorical one (its declared levels, in order), and the missing ones.
    /// </summary>
    private (long[][] Counts, long[] Missing) EngineLevels(Variable variable)
    {
        var cohort = (EngineCohort)variable.Cohort;
        ValueCounts counts = SqlValueCounts.Count(Engine.Engine, cohort.Sql, variable.EngineValue!, numeric: false, Engine.From);
        int levels = variable is CategoricalVariable c ? c.Levels.Count : 2;
        var table = new long[counts.Counts.Length][];
        for (int g = 0; g < table.Length; g++)
        {
            table[g] = new long[levels];
        }

        for (int i = 0; i < counts.Values.Count; i++)
        {
            int level = LevelIndex(variable, counts.Values[i]);
            for (int g = 0; g < table.Length; g++)
            {
                table[g][level] += counts.Counts[g][i];
            }
        }

        return (table, counts.Missing);
    }

    /// <summary>The level index of a value as the engine returns it: a bool (or 0/1), or a level's name (text, or a number for levels such as 1, 2).</summary>
    private static int LevelIndex(Variable variable, object value)
    {
        if (variable is CategoricalVariable categorical)
        {
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            for (int l = 0; l < categorical.Levels.Count; l++)
            {
                if (string.Equals(categorical.Levels[l], text, StringComparison.Ordinal))
                {
                    return l;
                }
            }

            // The engine's data check refuses a value outside the declared levels before any analysis runs.
            throw new InvalidOperationException($"'{variable.Name}': the engine returned '{text}', which is not one of its levels.");
        }

        return value is bool b ? (b ? 1 : 0) : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? 1 : 0;
    }
}
