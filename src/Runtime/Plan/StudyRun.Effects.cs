using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// The effect measures of <c>compare</c>: for each variable and pair of groups, a risk difference, relative risk, odds
    /// ratio or number needed to treat of a binary variable (Mantel-Haenszel over <see cref="EffectOptions.Strata"/>), or a
    /// rate ratio or difference of events over <see cref="EffectOptions.PersonTime"/>. Recorded as a <c>compare</c> analysis
    /// whose rows carry an <see cref="EffectResult"/>; p-values are adjusted per variable as for the tests.
    /// </summary>
    public void CompareEffects(AnalysisInfo analysis, IReadOnlyList<Variable> variables, Pairing pairing, TestKind test, AdjustMethod adjust, EffectOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(pairing);
        ArgumentNullException.ThrowIfNull(options);
        if (!EffectMethod.IsEffect(test))
        {
            throw new ArgumentException($"{test} is a test, not an effect measure; call Compare.", nameof(test));
        }

        var all = variables.Concat(options.Strata).Concat(options.PersonTime is null ? [] : [options.PersonTime]).ToArray();
        ForEachScope(analysis, "compare", all, scoped => CompareEffects(scoped, scoped.Map(variables), pairing, test, adjust, options with
        {
            Strata = scoped.Map(options.Strata),
            PersonTime = options.PersonTime is null ? null : scoped.Map(options.PersonTime),
        }));
    }

    private void CompareEffects(ScopedAnalysis analysis, Variable[] variables, Pairing pairing, TestKind test, AdjustMethod adjust, EffectOptions options)
    {
        Cohort cohort = analysis.Cohort;
        string method = EffectMethod.Describe(test, adjust, options);
        var adjustment = new AdjustmentResult(CompareMethod.AdjustName(adjust), "each variable's comparisons across its pairs of groups");
        if (CompareMethod.UnknownGroup(pairing, cohort) is { } unknown)
        {
            string reason = $"group '{unknown}' is not a group of this study";
            Record(analysis, "compare", ResultStatus.Failed, method, reason, null, new[] { StatisticsWarnings.Warning(StatisticsWarnings.UnknownGroup, reason) });
            return;
        }

        IReadOnlyList<int[]> sets = CompareMethod.GroupSets(pairing, cohort);
        var warnings = new List<WarningResult>(NotFiniteWarnings(variables.Concat(options.Strata).Append(options.PersonTime)));
        var rows = new List<ComparisonRow>();
        foreach (Variable variable in variables)
        {
            var family = sets.Select(set => EffectRow(variable, set, test, options, cohort)).ToList();
            rows.AddRange(AdjustFamily(variable, family, adjust, warnings));
            WarnMissing(variable, sets, cohort, warnings);
        }

        string status = rows.Count > 0 && rows.All(r => r.Status == ResultStatus.Failed) ? ResultStatus.Failed : ResultStatus.Ok;
        Record(analysis, "compare", status, method, status == ResultStatus.Ok ? null : rows[0].Reason, null, warnings,
            compare: new CompareResult(EffectMethod.Name(test), CompareMethod.PairingName(pairing), adjustment, rows,
                options.Names.Count == 0 ? null : options.Names));
    }

    private static ComparisonRow EffectRow(Variable variable, int[] set, TestKind test, EffectOptions options, Cohort cohort)
    {
        string[] names = set.Select(g => cohort.GroupNames[g]).ToArray();
        ComparisonRow Failed(string reason) => new(variable.Name, variable.Label, variable.Unit, names, ResultStatus.Failed, reason,
            Array.Empty<GroupSummary>(), null, null, new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, reason) });

        string name = EffectMethod.Name(test);
        if (set.Length != 2)
        {
            return Failed(string.Create(CultureInfo.InvariantCulture, $"{name} compares two groups, not {set.Length}; name the pair ('A vs B', 'A vs each')"));
        }

        bool rate = EffectMethod.IsRate(test);
        if (rate ? variable is not (BinaryVariable or CountVariable or ContinuousVariable) : variable is not BinaryVariable)
        {
            return Failed($"{name} compares {(rate ? "an event count or binary" : "a binary")} variable; '{variable.Name}' is {variable.KindName}");
        }

        var data = EffectData.Collect(variable, set, options, cohort);
        var warnings = new List<WarningResult>(data.Warnings);
        (TestResult result, EffectResult effect) = rate ? RateEffect(test, data, options, warnings) : BinaryEffect(test, data, options, warnings);
        bool undefined = double.IsNaN(result.Estimate ?? double.NaN)
            || (double.IsNaN(result.ConfidenceLow ?? double.NaN) && effect.Nnt is not { CrossesInfinity: true });
        string code = undefined || double.IsNaN(result.PValue) ? StatisticsWarnings.EffectUndefined : StatisticsWarnings.TestCaveat;
        warnings.AddRange(result.Warnings.Select(w => StatisticsWarnings.Warning(code, $"{name}: {w}")));
        var outcome = new TestOutcome(result.Method, result.StatisticName, result.Statistic, Defined(result.DegreesOfFreedom), result.PValue,
            result.EstimateName, Defined(result.Estimate), Defined(result.ConfidenceLow), Defined(result.ConfidenceHigh));
        return new ComparisonRow(variable.Name, variable.Label, variable.Unit, names, undefined ? ResultStatus.NotComputed : ResultStatus.Ok,
            undefined ? string.Join("; ", result.Warnings) : null, data.Summaries(cohort, rate), outcome, null, warnings)
        {
            Effect = effect,
        };
    }

    private static (TestResult, EffectResult) BinaryEffect(TestKind test, EffectData data, EffectOptions options, List<WarningResult> warnings)
    {
        string interval = EffectMethod.Interval(test, options);
        string r = EffectMethod.REquivalent(test, options);
        if (options.Strata.Count > 0)
        {
            IReadOnlyList<TwoGroupCounts> strata = data.Strata.Select(s => s.Counts).ToArray();
            MantelHaenszelResult mh = test switch
            {
                TestKind.OddsRatio when options.Conditional => ExactStratified(strata),
                TestKind.OddsRatio => MantelHaenszel.OddsRatio(strata, options.Correct),
                TestKind.RelativeRisk => MantelHaenszel.RiskRatio(strata, options.Correct),
                _ => MantelHaenszel.RiskDifference(strata, options.Correct),
            };
            if (mh.StrataLeftOut > 0)
            {
                warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.StrataWithoutBothGroups, string.Create(CultureInfo.InvariantCulture,
                    $"{mh.StrataLeftOut} of {strata.Count} strata have subjects in only one of the two groups; they carry no information and are left out ({string.Join(", ", data.Strata.Where(s => s.Counts.NFirst == 0 || s.Counts.NSecond == 0).Select(s => s.Label))})")));
            }

            var tables = new EffectStrata(options.Strata.Select(v => v.Name).ToArray(), mh.StrataUsed, mh.StrataLeftOut,
                data.Strata.Select(s => new EffectStratum(s.Label, s.Counts.EventsFirst, s.Counts.NFirst, s.Counts.EventsSecond, s.Counts.NSecond)).ToArray());
            TestResult stratified = mh.Result;
            if (test == TestKind.Nnt)
            {
                return Nnt(stratified, options, interval, r, tables);
            }

            return (stratified, new EffectResult(EffectMethod.Name(test), interval, test == TestKind.RiskDifference ? 0 : 1, r) { Strata = tables });
        }

        TwoGroupCounts counts = data.Total;
        return test switch
        {
            TestKind.RiskDifference => (RiskDifference.Newcombe(counts), new EffectResult("risk_difference", interval, 0, r)),
            TestKind.RelativeRisk => (RelativeRisk.Katz(counts), new EffectResult("relative_risk", interval, 1, r)),
            TestKind.OddsRatio => (options.Conditional ? OddsRatio.Conditional(counts) : OddsRatio.Wald(counts), new EffectResult("odds_ratio", interval, 1, r)),
            _ => Nnt(RiskDifference.Newcombe(counts), options, interval, r, null),
        };
    }

    /// <summary>nnt: the risk difference's test, with the estimate and CI on the NNT scale (1 / RD; Altman 1998).</summary>
    private static (TestResult, EffectResult) Nnt(TestResult rd, EffectOptions options, string interval, string r, EffectStrata? strata)
    {
        double d = rd.Estimate ?? double.NaN;
        NntResult nnt = NumberNeededToTreat.FromRiskDifference(d, rd.ConfidenceLow ?? double.NaN, rd.ConfidenceHigh ?? double.NaN);
        string kind = double.IsNaN(d) || d == 0 ? "none" : NntKind(d > 0, options.Direction);
        bool defined = !double.IsNaN(rd.ConfidenceLow ?? double.NaN);
        var detail = new NntDetail(options.Direction.ToString().ToLowerInvariant(), kind,
            double.IsNaN(d) || d == 0 ? null : Math.Abs(nnt.Nnt), defined && nnt.CrossesInfinity,
            defined && !nnt.CrossesInfinity ? Math.Abs(nnt.High) < Math.Abs(nnt.Low) ? Math.Abs(nnt.High) : Math.Abs(nnt.Low) : null,
            defined && !nnt.CrossesInfinity ? Math.Abs(nnt.High) < Math.Abs(nnt.Low) ? Math.Abs(nnt.Low) : Math.Abs(nnt.High) : null,
            defined && nnt.CrossesInfinity ? Math.Abs(nnt.LimitFromLow) : null,
            defined && nnt.CrossesInfinity ? nnt.LimitFromHigh : null);
        var result = rd with
        {
            EstimateName = "number needed to treat (1 / risk difference)",
            Estimate = nnt.Nnt,
            ConfidenceLow = defined && !nnt.CrossesInfinity ? nnt.Low : null,
            ConfidenceHigh = defined && !nnt.CrossesInfinity ? nnt.High : null,
        };
        return (result, new EffectResult("nnt", interval, null, r) { Nnt = detail, Strata = strata });
    }

    private static string NntKind(bool moreEvents, NntDirection direction) => direction switch
    {
        NntDirection.Beneficial => moreEvents ? "nntb" : "nnth",
        NntDirection.Harmful => moreEvents ? "nnth" : "nntb",
        _ => moreEvents ? "more_events" : "fewer_events",
    };

    /// <summary>The exact conditional common odds ratio over the strata in which both groups have subjects (the others admit one table only).</summary>
    private static MantelHaenszelResult ExactStratified(IReadOnlyList<TwoGroupCounts> strata)
    {
        TwoGroupCounts[] used = strata.Where(s => s.NFirst > 0 && s.NSecond > 0).ToArray();
        return new MantelHaenszelResult(FisherExact.Stratified(used), used.Length, strata.Count - used.Length);
    }

    private static (TestResult, EffectResult) RateEffect(TestKind test, EffectData data, EffectOptions options, List<WarningResult> warnings)
    {
        string interval = EffectMethod.Interval(test, options);
        string r = EffectMethod.REquivalent(test, options);
        if (options.Strata.Count > 0)
        {
            IReadOnlyList<StratumRates> strata = data.RateStrata;
            MantelHaenszelResult mh = test == TestKind.RateRatio ? MantelHaenszelRates.RateRatio(strata) : MantelHaenszelRates.RateDifference(strata);
            if (mh.StrataLeftOut > 0)
            {
                warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.StrataWithoutBothGroups, string.Create(CultureInfo.InvariantCulture,
                    $"{mh.StrataLeftOut} of {strata.Count} strata have person-time in only one of the two groups; they carry no information and are left out ({string.Join(", ", data.Strata.Where((s, k) => !strata[k].IsInformative).Select(s => s.Label))})")));
            }

            var tables = new EffectStrata(options.Strata.Select(v => v.Name).ToArray(), mh.StrataUsed, mh.StrataLeftOut,
                data.Strata.Select((s, k) => new EffectStratum(s.Label, s.Counts.EventsFirst, s.Counts.NFirst, s.Counts.EventsSecond, s.Counts.NSecond)
                {
                    PersonTimeFirst = strata[k].TimeFirst,
                    PersonTimeSecond = strata[k].TimeSecond,
                }).ToArray());
            return (mh.Result, new EffectResult(EffectMethod.Name(test), interval, test == TestKind.RateRatio ? 1 : 0, r) { Strata = tables });
        }
        if (test == TestKind.RateRatio)
        {
            TestResult ratio = IncidenceRates.RateRatio(data.EventsFirst, data.TimeFirst, data.EventsSecond, data.TimeSecond);
            return (ratio, new EffectResult("rate_ratio", interval, 1, r)
            {
                ExpectedFirst = data.TimeFirst > 0 && data.TimeSecond > 0
                    ? IncidenceRates.ExpectedFirst(data.EventsFirst, data.TimeFirst, data.EventsSecond, data.TimeSecond)
                    : null,
            });
        }

        return (IncidenceRates.RateDifference(data.EventsFirst, data.TimeFirst, data.EventsSecond, data.TimeSecond),
            new EffectResult("rate_difference", interval, 0, r));
    }
}
