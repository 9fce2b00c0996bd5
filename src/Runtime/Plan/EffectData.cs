using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The sufficient statistics of an effect measure for two groups, from the subjects' columns in one pass: the 2 × 2
/// counts (overall and per stratum) of a binary variable, or the events and person-time of a rate. A subject whose value,
/// stratum or person-time is missing is left out, and so is one with a negative person-time or an event count that is not
/// a whole number ≥ 0; each such reason is counted in a PL5092 warning (the variable's own missing values are PL5003's).
/// O(n) plus O(K log K) to order K strata.
/// </summary>
internal sealed class EffectData
{
    private readonly int[] _n = new int[2];
    private readonly int[] _events = new int[2];
    private readonly double[] _time = new double[2];
    private readonly int[] _missing = new int[2];
    private readonly int[] _groups = new int[2];

    private EffectData()
    {
    }

    public TwoGroupCounts Total => new(_events[0], _n[0], _events[1], _n[1]);

    /// <summary>The strata in the order of their level codes (first strata variable slowest), each with its label.</summary>
    public IReadOnlyList<(string Label, TwoGroupCounts Counts)> Strata { get; private set; } = Array.Empty<(string, TwoGroupCounts)>();

    /// <summary>Events and person-time per group in each stratum, parallel to <see cref="Strata"/> (a rate measure with strata).</summary>
    public IReadOnlyList<StratumRates> RateStrata { get; private set; } = Array.Empty<StratumRates>();

    public int EventsFirst => _events[0];

    public int EventsSecond => _events[1];

    public double TimeFirst => _time[0];

    public double TimeSecond => _time[1];

    public IReadOnlyList<WarningResult> Warnings { get; private set; } = Array.Empty<WarningResult>();

    public static EffectData Collect(Variable variable, int[] set, EffectOptions options, Cohort cohort)
    {
        var data = new EffectData();
        data._groups[0] = set[0];
        data._groups[1] = set[1];
        int[] codes = cohort.GroupCodeArray;
        var strata = new SortedDictionary<int[], int[]>(CodeOrder.Instance);
        var strataTime = new Dictionary<int[], double[]>(ReferenceEqualityComparer.Instance);
        int strataMissing = 0, timeMissing = 0, timeNegative = 0, notWhole = 0;
        double[]? time = options.PersonTime is null ? null : GroupSummaries.Numbers(options.PersonTime);
        for (int i = 0; i < codes.Length; i++)
        {
            int row = codes[i] == set[0] ? 0 : codes[i] == set[1] ? 1 : -1;
            if (row < 0)
            {
                continue;
            }

            double value = variable switch
            {
                BinaryVariable b => b.CodeArray[i] < 0 ? double.NaN : b.CodeArray[i],
                CountVariable c => c.ValueArray[i],
                ContinuousVariable c => c.ValueArray[i], // an integer column: the binder allows no other number here
                _ => double.NaN,
            };
            if (double.IsNaN(value))
            {
                data._missing[row]++;
                continue;
            }

            if (value < 0 || value != Math.Floor(value) || value > int.MaxValue)
            {
                notWhole++;
                continue;
            }

            int[]? key = null;
            if (options.Strata.Count > 0)
            {
                key = options.Strata.Select(s => StratumCode(s, i)).ToArray();
                if (key.Any(k => k < 0))
                {
                    strataMissing++;
                    continue;
                }
            }

            if (time is not null)
            {
                double t = time[i];
                if (double.IsNaN(t))
                {
                    timeMissing++;
                    continue;
                }

                if (t < 0)
                {
                    timeNegative++;
                    continue;
                }

                data._time[row] += t;
            }

            data._n[row]++;
            data._events[row] += (int)value;
            if (key is not null)
            {
                if (!strata.TryGetValue(key, out int[]? cell))
                {
                    cell = new int[4];
                    strata.Add(key, cell);
                    strataTime.Add(cell, new double[2]);
                }

                cell[row * 2] += (int)value;
                cell[(row * 2) + 1]++;
                if (time is not null)
                {
                    strataTime[cell][row] += time[i];
                }
            }
        }

        data.Strata = strata.Select(s => (Label(options.Strata, s.Key), new TwoGroupCounts(s.Value[0], s.Value[1], s.Value[2], s.Value[3]))).ToArray();
        data.RateStrata = strata.Values.Select(c => new StratumRates(c[0], strataTime[c][0], c[2], strataTime[c][1])).ToArray();
        data.Warnings = LeftOut(variable, options, strataMissing, timeMissing, timeNegative, notWhole);
        return data;
    }

    /// <summary>The groups' summaries: events / n (%) of a binary variable, or events, person-time and rate.</summary>
    public GroupSummary[] Summaries(Cohort cohort, bool rate) => Enumerable.Range(0, 2).Select(r =>
    {
        string name = cohort.GroupNames[_groups[r]];
        string label = cohort.GroupLabels[_groups[r]];
        return rate
            ? new GroupSummary(name, label, _n[r], _missing[r], "events_person_time", Count: _events[r])
            {
                PersonTime = _time[r],
                Rate = _time[r] > 0 ? _events[r] / _time[r] : null,
            }
            : new GroupSummary(name, label, _n[r], _missing[r], "count_percent", Count: _events[r],
                Percent: _n[r] == 0 ? null : 100.0 * _events[r] / _n[r]);
    }).ToArray();

    private static int StratumCode(Variable stratum, int i) => stratum switch
    {
        BinaryVariable b => b.CodeArray[i],
        CategoricalVariable c => c.CodeArray[i],
        _ => throw new InvalidOperationException($"Bug: stratum '{stratum.Name}' is {stratum.KindName}; the binder allows categorical or bool only."),
    };

    private static string Label(IReadOnlyList<Variable> strata, int[] key)
    {
        string Level(Variable v, int code) => v is CategoricalVariable c ? c.LevelLabel(code) : code == 1 ? "true" : "false";
        return strata.Count == 1
            ? Level(strata[0], key[0])
            : string.Join(", ", strata.Select((v, k) => v.Name + " = " + Level(v, key[k])));
    }

    private static WarningResult[] LeftOut(Variable variable, EffectOptions options, int strataMissing, int timeMissing, int timeNegative, int notWhole)
    {
        var parts = new List<string>();
        if (notWhole > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{notWhole} with an event count of '{variable.Name}' that is not a whole number >= 0"));
        }

        if (strataMissing > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{strataMissing} with a missing stratum ({string.Join(", ", options.Strata.Select(s => s.Name))})"));
        }

        if (timeMissing > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{timeMissing} with a missing person-time '{options.PersonTime!.Name}'"));
        }

        if (timeNegative > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{timeNegative} with a negative person-time '{options.PersonTime!.Name}'"));
        }

        return parts.Count == 0
            ? []
            : [StatisticsWarnings.Warning(StatisticsWarnings.EffectSubjectsLeftOut, $"'{variable.Name}': subjects left out: {string.Join("; ", parts)}")];
    }

    /// <summary>Lexicographic order of stratum codes: deterministic, and the order of the declared levels.</summary>
    private sealed class CodeOrder : IComparer<int[]>
    {
        public static readonly CodeOrder Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (int k = 0; k < x!.Length; k++)
            {
                int c = x[k].CompareTo(y![k]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
