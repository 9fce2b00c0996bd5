using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private readonly List<PopulationDefinition> _populations = new();
    /// <summary>
    /// Registers a named population (<c>population PP "Per protocol": adherent and not deviated</c>) for analyses
    /// to run in (<see cref="AnalysisScope.Population"/>): an analysed subject is in when every condition is true;
    /// out, by the first condition that is not (false or missing). The subject flow reports each population.
    /// Call after <see cref="Cohort{TRow}"/>, before the analyses.
    /// </summary>
    /// <param name="conditions">One per top-level <c>and</c> conjunct, in the order written; empty = every analysed subject.</param>
    public void Population(string name, string label, IReadOnlyList<PopulationCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(conditions);
        Cohort cohort = RequireCohort(conditions.Select(c => c.Condition));
        if (_analyses.Count > 0 || HasPendingAnalyses)
        {
            throw new InvalidOperationException($"Population '{name}' is registered after an analysis; register every population before the analyses.");
        }

        if (_populations.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Population '{name}' is already registered.", nameof(name));
        }

        // Each subject's first failed condition (-1 = in), so the flow and every analysis in the population agree.
        var failed = new int[cohort.Count];
        for (int i = 0; i < failed.Length; i++)
        {
            failed[i] = -1;
            for (int c = 0; c < conditions.Count; c++)
            {
                if (conditions[c].Condition.CodeArray[i] != 1)
                {
                    failed[i] = c;
                    break;
                }
            }
        }

        _populations.Add(new PopulationDefinition(name, label, conditions.ToArray(), failed));
    }

    /// <summary>Each population's flow: per condition in order, the subjects it left out (and of those, with a missing value) and those remaining.</summary>
    private PopulationFlow[] PopulationFlows() => _populations.Select(p =>
    {
        int remaining = p.FailedCondition.Length;
        var conditions = new PopulationConditionFlow[p.Conditions.Count];
        for (int c = 0; c < conditions.Length; c++)
        {
            int excluded = 0;
            int missing = 0;
            for (int i = 0; i < p.FailedCondition.Length; i++)
            {
                if (p.FailedCondition[i] == c)
                {
                    excluded++;
                    missing += p.Conditions[c].Condition.CodeArray[i] < 0 ? 1 : 0;
                }
            }

            remaining -= excluded;
            conditions[c] = new PopulationConditionFlow(p.Conditions[c].Text, excluded, missing, remaining);
        }

        return new PopulationFlow(p.Name, p.Label, p.FailedCondition.Length, conditions, remaining);
    }).ToArray();

    /// <summary>The result id and text of an analysis that generated code names only by its text.</summary>
    private AnalysisInfo Derived(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new AnalysisInfo(_analyses.DerivedId(source), source);
    }

    /// <summary>
    /// Runs an analysis on its scope: once, or once per level of its <c>within</c> variable, in level order. A run with
    /// no subject in scope is recorded as not estimable (PL5072) instead.
    /// </summary>
    private void ForEachScope(AnalysisInfo analysis, string kind, IReadOnlyList<Variable> variables, Action<ScopedAnalysis> run)
    {
        ArgumentNullException.ThrowIfNull(analysis.Id, nameof(analysis));
        ArgumentNullException.ThrowIfNull(analysis.Source, nameof(analysis));
        ArgumentNullException.ThrowIfNull(analysis.Scope, nameof(analysis));
        ArgumentNullException.ThrowIfNull(analysis.Scope.By, nameof(analysis));
        _analyses.CheckNewId(analysis.Id);
        RequireCohort(variables);
        // An engine's connection runs one query at a time: its analyses run in order.
        if (_options.ParallelAnalyses && !InEngineMode)
        {
            Defer(analysis, () => RunScopes(analysis, kind, variables, run));
            return;
        }

        int before = _analyses.Count;
        RunScopes(analysis, kind, variables, run);
        if (_analyses.Count > before)
        {
            _analyses.EndAnalysis();
        }
    }

    private void RunScopes(AnalysisInfo analysis, string kind, IReadOnlyList<Variable> variables, Action<ScopedAnalysis> run)
    {
        Cohort cohort = RequireCohort(variables);
        AnalysisScope scope = analysis.Scope;
        if (scope.IsDefault)
        {
            run(new ScopedAnalysis(analysis.Id, analysis.Source, cohort, null, null));
            return;
        }

        ScopePlan plan = Plan(scope, cohort);
        if (scope.Within is null)
        {
            Run(analysis, kind, cohort, plan, plan.InScope, level: null, [], run);
            return;
        }

        ScopeFactor within = ScopeFactor.Of(scope.Within, "within");
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        int missing = Enumerable.Range(0, cohort.Count).Count(i => plan.InScope[i] && within.Codes[i] < 0);
        for (int level = 0; level < within.Levels.Count; level++)
        {
            var inLevel = new bool[cohort.Count];
            int otherLevels = 0;
            for (int i = 0; i < inLevel.Length; i++)
            {
                inLevel[i] = plan.InScope[i] && within.Codes[i] == level;
                otherLevels += plan.InScope[i] && within.Codes[i] >= 0 && within.Codes[i] != level ? 1 : 0;
            }

            string slug = AnalysisIds.LevelSlug(within.Levels[level]);
            for (int n = 2; !slugs.Add(slug); n++)
            {
                slug = AnalysisIds.LevelSlug(within.Levels[level]) + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            var leftOut = new List<ExclusionCount>();
            if (missing > 0)
            {
                leftOut.Add(new ExclusionCount("within_missing", within.Name, missing));
            }

            if (otherLevels > 0)
            {
                leftOut.Add(new ExclusionCount("within_level", "in another level of " + within.Name, otherLevels));
            }

            Run(analysis with { Id = analysis.Id + "." + slug }, kind, cohort, plan, inLevel,
                (within.Name, within.Levels[level], within.Labels[level], missing), leftOut, run);
        }
    }

    /// <summary>Who is in scope before a <c>within</c> split, how they are grouped, and who was left out, by stage.</summary>
    private ScopePlan Plan(AnalysisScope scope, Cohort cohort)
    {
        if (scope.Overall && scope.By.Count > 0)
        {
            throw new ArgumentException("An analysis' scope is either overall or by factors, not both.", nameof(scope));
        }

        RequireCohort(new[] { scope.Where, scope.Within }.OfType<Variable>().Concat(scope.By));
        PopulationDefinition? population = scope.Population is null
            ? null
            : _populations.Find(p => string.Equals(p.Name, scope.Population, StringComparison.Ordinal))
              ?? throw new ArgumentException($"Population '{scope.Population}' is not registered (StudyRun.Population).", nameof(scope));
        ScopeFactor[] factors = scope.By.Select(v => ScopeFactor.Of(v, "by")).ToArray();
        int n = cohort.Count;
        var inScope = new bool[n];
        var leftOut = new List<ExclusionCount>();
        var populationOut = new int[population?.Conditions.Count ?? 0];
        int whereFalse = 0;
        int whereMissing = 0;
        int byMissing = 0;
        for (int i = 0; i < n; i++)
        {
            if (population is not null && population.FailedCondition[i] >= 0)
            {
                populationOut[population.FailedCondition[i]]++;
                continue;
            }

            if (scope.Where is { } where && where.CodeArray[i] != 1)
            {
                if (where.CodeArray[i] == 0)
                {
                    whereFalse++;
                }
                else
                {
                    whereMissing++;
                }

                continue;
            }

            if (factors.Any(f => f.Codes[i] < 0))
            {
                byMissing++;
                continue;
            }

            inScope[i] = true;
        }

        for (int c = 0; c < populationOut.Length; c++)
        {
            if (populationOut[c] > 0)
            {
                leftOut.Add(new ExclusionCount("population", population!.Conditions[c].Text, populationOut[c]));
            }
        }

        // A split where names the subjects its subject part left out by that part's text (the whole text is the scope's).
        string whereText = scope.SubjectWhereText ?? scope.WhereText ?? scope.Where?.Name ?? string.Empty;
        AddCount(leftOut, "where", whereText, whereFalse);
        AddCount(leftOut, "where_missing", whereText, whereMissing);
        AddCount(leftOut, "by_missing", string.Join(", ", factors.Select(f => f.Name)), byMissing);
        (string[] names, string[] labels, int[] codes) = Grouping(scope, factors, cohort);
        return new ScopePlan(population, factors, inScope, leftOut, names, labels, codes, byMissing);
    }

    /// <summary>The groups of the scope: the study's, one <c>overall</c>, or the cross-classified levels of the factors (first factor slowest).</summary>
    private static (string[] Names, string[] Labels, int[] Codes) Grouping(AnalysisScope scope, ScopeFactor[] factors, Cohort cohort)
    {
        if (scope.Overall)
        {
            return ([OverallColumn], ["Overall"], new int[cohort.Count]);
        }

        if (factors.Length == 0)
        {
            return (cohort.GroupNames.ToArray(), cohort.GroupLabels.ToArray(), cohort.GroupCodeArray);
        }

        IEnumerable<(string Name, string Label)> combinations = [(string.Empty, string.Empty)];
        foreach (ScopeFactor factor in factors)
        {
            ScopeFactor f = factor;
            combinations = combinations.SelectMany(c => f.Levels.Select((level, k) =>
                c.Name.Length == 0 ? (level, f.Labels[k]) : (c.Name + ", " + level, c.Label + ", " + f.Labels[k]))).ToArray();
        }

        var all = combinations.ToArray();
        var codes = new int[cohort.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            int code = 0;
            foreach (ScopeFactor f in factors)
            {
                code = f.Codes[i] < 0 ? -1 : code < 0 ? -1 : code * f.Levels.Count + f.Codes[i];
            }

            codes[i] = code;
        }

        return (all.Select(c => c.Name).ToArray(), all.Select(c => c.Label).ToArray(), codes);
    }

    /// <summary>One run on the subjects with <paramref name="selected"/> set, or its not-estimable result when there are none.</summary>
    private void Run(AnalysisInfo analysis, string kind, Cohort cohort, ScopePlan plan, bool[] selected,
        (string Variable, string Level, string Label, int Missing)? level, List<ExclusionCount> levelLeftOut, Action<ScopedAnalysis> run)
    {
        int[] subjects = Enumerable.Range(0, cohort.Count).Where(i => selected[i]).ToArray();
        AnalysisScope scope = analysis.Scope;
        var leftOut = plan.LeftOut.Concat(levelLeftOut).ToArray();
        var result = new AnalysisScopeResult(
            plan.Population?.Name,
            plan.Population?.Label,
            scope.Where is null && scope.RowWhereText is null ? null : scope.WhereText ?? scope.Where?.Name ?? scope.RowWhereText,
            // A study without groups has one group, everyone: an analysis without factors is then overall, not "by group".
            plan.Factors.Length > 0 ? "by" : scope.Overall || cohort.IsOverall ? "overall" : "group",
            plan.Factors.Length == 0 ? null : plan.Factors.Select(f => f.Name).ToArray(),
            level?.Variable,
            level?.Level,
            level?.Label,
            subjects.Length,
            leftOut)
        {
            RowsLeftOut = RowsLeftOut(scope, selected),
        };
        var warnings = new List<WarningResult>();
        if (plan.ByMissing > 0)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.ScopeFactorMissing, StatisticsWarnings.Invariant(
                $"{plan.ByMissing} subject(s) with a missing {string.Join(" or ", plan.Factors.Select(f => "'" + f.Name + "'"))} left out of the analysis")));
        }

        if (level is { Missing: > 0 } l)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.ScopeFactorMissing, StatisticsWarnings.Invariant(
                $"{l.Missing} subject(s) with a missing '{l.Variable}' are in no level of the repetition within it")));
        }

        var subset = leftOut.Where(e => e.Stage is "population" or "where" or "where_missing").ToArray();
        if (subset.Length > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.ScopeSubset, StatisticsWarnings.Invariant(
                $"{cohort.Count - subset.Sum(e => e.Count)} of {cohort.Count} analysed subjects in scope; left out: ")
                + string.Join(", ", subset.Select(SubsetText))));
        }

        if (subjects.Length == 0)
        {
            string where = level is { } lv ? $"level '{lv.Label}' of '{lv.Variable}'" : "the analysis' scope";
            string reason = $"no analysed subject is in {where}";
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.ScopeEmpty, reason));
            var empty = new ScopedAnalysis(analysis.Id, analysis.Source, cohort, result, null, warnings);
            Record(empty, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, null, reason, null, []));
            return;
        }

        var scoped = new ScopedCohort(cohort, plan.GroupNames, plan.GroupLabels, subjects.Select(s => plan.GroupCodes[s]).ToArray(), subjects)
        {
            // A study without groups is overall already; its default grouping stays overall.
            IsOverall = scope.Overall || (plan.Factors.Length == 0 && cohort.IsOverall),
            GroupTerm = plan.Factors.Length == 0 ? ScopedCohort.DefaultGroupTerm : string.Join(", ", plan.Factors.Select(f => f.Name)),
        };
        run(new ScopedAnalysis(analysis.Id, analysis.Source, scoped, result, new ScopeMapping(scoped), warnings));
    }

    /// <summary>The rows of the selected subjects a mixed model's row subset left out; null without a row subset.</summary>
    private static ExclusionCount[]? RowsLeftOut(AnalysisScope scope, bool[] selected)
    {
        if (scope.RowWhereText is not { } text)
        {
            return null;
        }

        int rows = scope.RowSubset?.LeftOutByWhereSubjectArray.Count(s => s >= 0 && selected[s]) ?? 0;
        return [new ExclusionCount("where_rows", text, rows)];
    }

    private static string SubsetText(ExclusionCount e) => e.Stage switch
    {
        "population" => StatisticsWarnings.Invariant($"{e.Count} not in the population ({e.Reason})"),
        "where" => StatisticsWarnings.Invariant($"{e.Count} with 'where {e.Reason}' false"),
        _ => StatisticsWarnings.Invariant($"{e.Count} with 'where {e.Reason}' missing"),
    };

    private static void AddCount(List<ExclusionCount> counts, string stage, string reason, int count)
    {
        if (count > 0)
        {
            counts.Add(new ExclusionCount(stage, reason, count));
        }
    }

    /// <param name="FailedCondition">For each analysed subject, the index of its first condition that is not true; -1 = in the population.</param>
    private sealed record PopulationDefinition(string Name, string Label, IReadOnlyList<PopulationCondition> Conditions, int[] FailedCondition);

    /// <param name="GroupCodes">Per analysed subject of the run's cohort, its group in the scope's grouping (-1 = a factor missing).</param>
    private sealed record ScopePlan(
        PopulationDefinition? Population,
        ScopeFactor[] Factors,
        bool[] InScope,
        IReadOnlyList<ExclusionCount> LeftOut,
        string[] GroupNames,
        string[] GroupLabels,
        int[] GroupCodes,
        int ByMissing);
}
