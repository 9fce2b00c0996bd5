using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// <c>model cox</c> under <c>compute in engine</c>: the design is coded as SQL (<see cref="SqlCoxCovariate"/>) in the
/// columns the in-memory <c>CoxDesign</c> builds, in its order and with its names, and <see cref="SqlCox"/> fits it where
/// the rows live; the result is the in-memory one except what needs each subject's row (concordance, cox.zph), which
/// it says it does not have (<see cref="CoxEngineResult.NotAvailable"/>). The binder has refused every term and option
/// this does not cover (interactions, subgroups, exact ties, a proportional-hazards test: PL2281, PL2282).
/// </summary>
public sealed partial class StudyRun
{
    private void EngineCox(ScopedAnalysis analysis, CoxSpec spec, CoxTies ties, string method, string specification)
    {
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine Cox model in a run without an engine.");
        Cohort cohort = analysis.Cohort;
        var cohortSql = ((EngineCohort)spec.Outcome.Cohort).Sql;
        var covariates = new List<SqlCoxCovariate>();
        var columns = new List<CoxDesignColumn>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CoxTerm term in spec.Terms)
        {
            string? problem = EngineCoxTerm(term, cohort, covariates, columns, labels);
            if (problem is not null)
            {
                string code = term.IsGroup ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.TestDoesNotFit;
                Record(analysis, "cox", ResultStatus.Failed, method, problem, specification, new[] { StatisticsWarnings.Warning(code, problem) });
                return;
            }
        }

        var strata = spec.Strata.Select(v => v.EngineValue ?? throw new InvalidOperationException($"Bug: stratum '{v.Name}' has no engine form.")).ToArray();
        SqlCoxFit engineFit = SqlCox.Fit(source.Engine, cohortSql, new SqlCoxModel(spec.Outcome.EngineOutcome!, covariates, strata, ties), source.From);
        CoxFit fit = engineFit.Fit;
        var warnings = new List<WarningResult>();
        if (engineFit.LeftOut > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.CoxSubjectsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"{engineFit.LeftOut} subject(s) with a missing time, event, covariate or stratum left out of the Cox model ({fit.N} analysed)")));
        }

        if (spec.Terms.Any(t => t.IsGroup))
        {
            // As in memory: the groups with a subject whose time and event are present, from the engine's survival counts.
            var counts = EngineSurvivalCounts(spec.Outcome, out _);
            var withData = new bool[cohort.GroupNames.Count];
            for (int i = 0; i < counts.Count; i++)
            {
                withData[counts.Group[i]] |= counts.Events[i] + counts.Censored[i] > 0;
            }

            var present = Enumerable.Range(0, withData.Length).Where(g => withData[g]).Select(g => cohort.GroupNames[g]).ToList();
            if (present.Count < 2)
            {
                warnings.Add(GroupTermNotEstimable(present));
            }
        }

        List<CoxTermResult> terms = CoxTerms(fit, columns, column => labels[column.Name], warnings);

        static CoxTestResult Test(string name, CoxGlobalTest t) => new(name, t.Statistic, t.DegreesOfFreedom, t.PValue);
        var result = new CoxResult(CoxTiesNames.RName(ties), spec.Strata.Select(s => s.Name).ToArray(), fit.N, engineFit.LeftOut, fit.Events, fit.Iterations, fit.Converged,
            terms, fit.LogLikelihoodNull, fit.LogLikelihood, Test("likelihood_ratio", fit.LikelihoodRatio), Test("wald", fit.Wald), Test("score", fit.Score),
            double.NaN, double.NaN, null)
        {
            Outcome = spec.Outcome.Name,
            Aic = CoxModelSummary.Aic(fit),
            Bic = CoxModelSummary.Bic(fit),
            Vcov = CoxModelSummary.VarianceCovariance(fit),
            Engine = new CoxEngineResult(engineFit.Queries, engineFit.RowsReceived, engineFit.Received, engineFit.ReceivedUnit, engineFit.NotAvailable),
        };
        string status = fit.Events == 0 ? ResultStatus.NotEstimable : ResultStatus.Ok;
        string? reason = fit.Events == 0 ? "there are no events among the analysed subjects" : null;
        Record(analysis, new AnalysisResult(0, analysis.Id, "cox", analysis.Source, status, method, reason, specification, warnings, Cox: result));
    }

    /// <summary>
    /// The term's design columns as <c>CoxDesign</c> names and orders them (a factor: one 0/1 column per level but the
    /// reference, in level order), coded as SQL, with each column's label as in memory; returns why it cannot, or null.
    /// </summary>
    private static string? EngineCoxTerm(CoxTerm term, Cohort cohort, List<SqlCoxCovariate> covariates, List<CoxDesignColumn> columns, Dictionary<string, string> labels)
    {
        if (term.IsInteraction)
        {
            return "an interaction is not computed in an engine (the binder refuses it, PL2281)";
        }

        void Factor(string name, IReadOnlyList<string> levels, int reference, Func<int, SqlCoxCovariate> column, Func<int, string> label)
        {
            for (int level = 0; level < levels.Count; level++)
            {
                if (level != reference)
                {
                    covariates.Add(column(level));
                    columns.Add(new CoxDesignColumn(name + levels[level], name, levels[level], levels[reference]));
                    labels[name + levels[level]] = label(level);
                }
            }
        }

        switch (term.Covariate)
        {
            case null:
                int reference = term.ReferenceLevel is null ? 0 : IndexOfOrdinal(cohort.GroupNames, term.ReferenceLevel);
                if (reference < 0)
                {
                    return $"reference group '{term.ReferenceLevel}' is not a group of this study";
                }

                string group = ScopedCohort.GroupTermOf(cohort);
                Factor(group, cohort.GroupNames, reference, g => SqlCoxCovariate.InGroup(group + cohort.GroupNames[g], g),
                    g => $"{cohort.GroupLabels[g]} vs {cohort.GroupLabels[reference]}");
                return null;
            case ContinuousVariable or CountVariable when term.ReferenceLevel is not null:
                return $"'{term.Covariate.Name}' is numeric and has no reference level";
            case ContinuousVariable c:
                covariates.Add(SqlCoxCovariate.Number(c.Name, EngineValueOf(c)));
                columns.Add(new CoxDesignColumn(c.Name, c.Name, null, null));
                labels[c.Name] = c.Label + (c.Unit is null ? string.Empty : $" (per 1 {c.Unit})");
                return null;
            case CountVariable c:
                covariates.Add(SqlCoxCovariate.Number(c.Name, EngineValueOf(c)));
                columns.Add(new CoxDesignColumn(c.Name, c.Name, null, null));
                labels[c.Name] = c.Label + " (per 1)";
                return null;
            case BinaryVariable b:
                string[] yesNo = ["FALSE", "TRUE"];
                int binaryReference = term.ReferenceLevel is null ? 0 : IndexOfOrdinal(yesNo, term.ReferenceLevel.ToUpperInvariant());
                if (binaryReference < 0)
                {
                    return $"reference level '{term.ReferenceLevel}' of '{b.Name}' is not true or false";
                }

                SqlExpr value = EngineValueOf(b);
                Factor(b.Name, yesNo, binaryReference, level => SqlCoxCovariate.Indicator(b.Name + yesNo[level], level == 1 ? value : SqlExpr.Not(value)),
                    level => $"{b.Label}: {yesNo[level].ToLowerInvariant()} vs {yesNo[binaryReference].ToLowerInvariant()}");
                return null;
            case CategoricalVariable v:
                int levelReference = term.ReferenceLevel is null ? 0 : IndexOfOrdinal(v.Levels, term.ReferenceLevel);
                if (levelReference < 0)
                {
                    return $"reference level '{term.ReferenceLevel}' is not a level of '{v.Name}' ({string.Join(", ", v.Levels)})";
                }

                SqlExpr level = EngineValueOf(v);
                Factor(v.Name, v.Levels, levelReference,
                    l => SqlCoxCovariate.Indicator(v.Name + v.Levels[l], SqlExpr.Compare(SqlComparison.Equal, level, SqlExpr.Text(v.Levels[l]))),
                    l => $"{v.Label}: {v.LevelLabels[l]} vs {v.LevelLabels[levelReference]}");
                return null;
            default:
                return $"'{term.Covariate.Name}' is a {term.Covariate.KindName} variable; a Cox covariate must be continuous, count, binary or categorical";
        }
    }

    private static SqlExpr EngineValueOf(Variable variable) =>
        variable.EngineValue ?? throw new InvalidOperationException($"Bug: covariate '{variable.Name}' has no engine form; the binder should have refused it.");

    private static int IndexOfOrdinal(IReadOnlyList<string> values, string value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
