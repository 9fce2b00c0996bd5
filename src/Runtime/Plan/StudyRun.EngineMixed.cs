using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// Child tables and <c>model mixed</c> under <c>compute in engine</c>. Each child table is opened in its subject table's
/// engine and checked there when the cohort is counted (<see cref="EngineSource.OpenChild"/>), its flow is counted by
/// the engine (<see cref="SqlChildFlow"/>), and a mixed model of a repeated outcome is fitted from the engine's sums
/// (<see cref="SqlMixedModel"/>) and recorded as the in-memory fit records it: the same result, warnings and trajectory
/// figure, with the queries in the engine's provenance. The binder has refused every term and option this does not
/// cover (subject or row covariates, <c>means</c>, <c>type I</c>, a reference other than the group's: PL2283).
/// </summary>
public sealed partial class StudyRun
{
    private readonly Dictionary<string, SqlChildSource> _engineChildren = new(StringComparer.Ordinal);

    /// <summary>Opens and checks every child table in the subject table's engine; any problem stops the run, as an invalid CSV row does.</summary>
    private void OpenEngineChildren(TableSchema subjects, EngineSource source)
    {
        foreach (TableSchema child in _schema.Tables.Where(t => t.LinkColumn is not null))
        {
            string? path = child.SourceKind is DataSourceKind.Csv or DataSourceKind.Parquet
                ? _paths.TryResolve(child.Source, $"table '{child.Name}': the data file", out string resolved, out string refusal)
                    ? resolved
                    : throw DataFailure(null, [new DataProblem(DataProblemCodes.OutsideStudy, child.Source, 0, null, refusal)], 1)
                : null;
            if (EngineSource.ChildRefusal(subjects, child) is { } notHere)
            {
                // The binder refuses this (PL2274); a schema built by hand may still ask for it.
                throw DataFailure(null, [new DataProblem(DataProblemCodes.ServerError, child.SourceLabel, 0, null, $"table '{child.Name}': {notHere}")], 1);
            }

            (SqlChildSource rows, List<DataProblem> problems) = source.OpenChild(subjects, child, path);
            if (problems.Count > 0)
            {
                source.Dispose();
                _engineSource = null;
                throw DataFailure(problems.All(p => p.IsFatal) ? null : $"table '{child.Name}' has invalid values (checked in the engine; on_invalid fail)", problems, problems.Count);
            }

            _engineChildren[child.Name] = rows;
        }
    }

    /// <summary>A child table's flow in an engine run: rows read, the rows of subjects not analysed per reason, kept.</summary>
    private TableFlow EngineChildFlow(TableSchema schema)
    {
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine child table in a run without an engine.");
        var cohort = (EngineCohort)(_cohort?.Cohort ?? throw new InvalidOperationException("Define the cohort (StudyRun.EngineCohort) before completing the run."));
        return SqlChildFlow.Count(source.Engine, cohort.Sql, _engineChildren[schema.Name], schema.Name, schema.SourceLabel.Replace('\\', '/'), _schema.Tables[0].Name);
    }

    /// <summary><c>model mixed</c> fitted from the engine's per-subject and overall sums of the child rows joined to the analysed subjects.</summary>
    private void EngineMixed(ScopedAnalysis analysis, MixedModelSpec spec, string method, string specification)
    {
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine mixed model in a run without an engine.");
        RepeatedVariable response = spec.Response;
        var cohort = (EngineCohort)response.Cohort;
        void Record(string status, string? reason, IReadOnlyList<WarningResult> warnings, MixedModelResult? result) =>
            RecordMixed(analysis, status, method, reason, specification, warnings, result);
        if (EngineMixedSpec(spec, cohort, out string? refusal) is not { } sqlSpec)
        {
            Record(ResultStatus.Failed, refusal, new[] { StatisticsWarnings.Warning(StatisticsWarnings.MixedNotFitted, refusal!) }, null);
            return;
        }

        SqlMixedFit engineFit;
        try
        {
            engineFit = SqlMixedModel.Fit(source.Engine, cohort.Sql, _engineChildren[response.Table], sqlSpec);
        }
        catch (ArgumentException e)
        {
            // A reference group without rows, as MixedDesign refuses it in memory.
            Record(ResultStatus.Failed, e.Message, new[] { StatisticsWarnings.Warning(StatisticsWarnings.MixedNotFitted, e.Message) }, null);
            return;
        }
        catch (Exception e) when (e is ArithmeticException or InvalidOperationException or MathNet.Numerics.NonConvergenceException)
        {
            string reason = "the model cannot be fitted: " + e.Message;
            Record(ResultStatus.Failed, reason, new[] { StatisticsWarnings.Warning(StatisticsWarnings.MixedNotFitted, reason) }, null);
            return;
        }

        // The model's text counts the outcome's rows, which only the engine has.
        specification = ModelText.Mixed(spec, ScopedCohort.GroupTermOf(cohort), engineFit.RowsWithValue, engineFit.Rows);
        RecordEngineTrajectory(analysis, response, engineFit.Cells, spec.Transform == ResponseTransform.Log);
        var warnings = new List<WarningResult>();
        if (engineFit.LeftOut.Count > 0)
        {
            string parts = string.Join(", ", engineFit.LeftOut.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Count} {l.Reason}")));
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MixedRowsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"'{response.Name}': {engineFit.LeftOut.Sum(l => l.Count)} of {engineFit.Rows} rows left out ({parts})")));
        }

        if (engineFit.Fit is not { } fit)
        {
            if (engineFit.NotFittedCode == StatisticsWarnings.MixedNotFitted)
            {
                // As MixedDesign's refusal in memory: the reason is the only warning.
                string none = $"no rows of '{response.Name}' remain to fit";
                Record(ResultStatus.Failed, none, new[] { StatisticsWarnings.Warning(StatisticsWarnings.MixedNotFitted, none) }, null);
                return;
            }

            string reason = $"'{response.Name}': {engineFit.NotFitted}";
            warnings.Add(StatisticsWarnings.Warning(engineFit.NotFittedCode!, reason));
            Record(ResultStatus.NotEstimable, reason, warnings, null);
            return;
        }

        AddFitWarnings(warnings, fit);
        bool hasGroup = sqlSpec.Variables.Contains(SqlMixedVariableKind.Group);
        bool timeFactor = sqlSpec.Variables.Contains(SqlMixedVariableKind.TimeAsFactor);
        var levels = new MixedLevels(
            MixedDesign.FormulaText(spec, engineFit.TermNames),
            hasGroup ? engineFit.GroupLevels : null,
            timeFactor ? engineFit.TimeLevels : null,
            engineFit.LeftOut,
            HasMeans: hasGroup && timeFactor);
        Record(ResultStatus.Ok, null, warnings, MixedResult(spec, levels, fit, cohort, (null, null), null));
    }

    /// <summary>The engine form of <paramref name="spec"/>: group, time and factor(time) terms and a random intercept and/or slope on time; null (with the reason) otherwise.</summary>
    private static SqlMixedSpec? EngineMixedSpec(MixedModelSpec spec, EngineCohort cohort, out string? refusal)
    {
        refusal = null;
        RepeatedVariable response = spec.Response;
        var variables = new List<SqlMixedVariableKind>();
        var terms = new List<int[]>();
        foreach (ModelTerm term in spec.FixedTerms)
        {
            var indices = new List<int>();
            foreach (TermFactor factor in term.Factors)
            {
                SqlMixedVariableKind? kind = factor.Kind switch
                {
                    TermFactorKind.Group => SqlMixedVariableKind.Group,
                    TermFactorKind.TimeAsFactor => SqlMixedVariableKind.TimeAsFactor,
                    TermFactorKind.Time => SqlMixedVariableKind.Time,
                    _ => null,
                };
                if (kind is not { } k)
                {
                    refusal = $"the term '{factor.Name}' ({factor.Kind}) is not fitted in an engine yet";
                    return null;
                }

                int at = variables.IndexOf(k);
                if (at < 0)
                {
                    variables.Add(k);
                    at = variables.Count - 1;
                }

                indices.Add(at);
            }

            terms.Add([.. indices.Order()]);
        }

        // R's terms(), as MixedDesign orders them: variables by first appearance, terms by degree (stable), duplicates once.
        int[][] ordered = terms.DistinctBy(t => string.Join(",", t)).OrderBy(t => t.Length).ToArray();
        string? groupReference = null;
        foreach (LinearReference reference in spec.References ?? [])
        {
            if (reference.Factor != "group")
            {
                refusal = $"the reference level of '{reference.Factor}' is not fitted in an engine yet";
                return null;
            }

            groupReference = reference.Level;
        }

        bool uncorrelated = spec.RandomEffects is [{ Intercept: true, Slope: null }, { Intercept: false, Slope: not null }];
        bool intercept = spec.RandomEffects.Any(r => r.Intercept);
        bool slope = spec.RandomEffects.Any(r => r.Slope is not null);
        if (spec.Means is not null || spec.TypeI || spec.RandomEffects.Count is 0 or > 2 || (spec.RandomEffects.Count == 2 && !uncorrelated))
        {
            refusal = "its 'means', 'type I' or random-effects form is not fitted in an engine yet";
            return null;
        }

        int[]? included = null;
        if (spec.GroupsIncluded is { } names)
        {
            included = names.Select(cohort.GroupIndex).ToArray();
            if (included.FirstOrDefault(g => g < 0, 0) < 0)
            {
                refusal = $"group '{names[Array.IndexOf(included, -1)]}' is not a group of this study";
                return null;
            }
        }

        return new SqlMixedSpec(response.EngineValue!, spec.Transform == ResponseTransform.Log, response.EngineTime!, response.TimeName, included, groupReference,
            ScopedCohort.GroupTermOf(cohort), cohort.GroupNames, variables, ordered, intercept, slope, uncorrelated, spec.Reml, spec.Df);
    }

    /// <summary>The trajectory figure from the engine's (group, time) moments, as <see cref="RecordTrajectoryFigure"/> draws it from the rows.</summary>
    private void RecordEngineTrajectory(ScopedAnalysis analysis, RepeatedVariable variable, IReadOnlyList<SqlMixedCell> cells, bool logScale)
    {
        string id = ScopePrefix(analysis) + "trajectory-" + FigureId(variable.Name);
        if (HasFigure(id))
        {
            return;
        }

        Cohort cohort = variable.Cohort;
        var groups = Enumerable.Range(0, cohort.GroupNames.Count)
            .Select(g => new TrajectoryGroup(cohort.GroupNames[g], cohort.GroupLabels[g], SqlMixedModel.TrajectoryPoints(cells, g, logScale)))
            .ToList();
        string? timeUnit = _schema.Tables.FirstOrDefault(t => t.Name == variable.Table)?.Columns
            .FirstOrDefault(c => c.Name == variable.TimeName)?.Unit;
        var trajectory = new TrajectoryFigure(variable.TimeName, timeUnit, groups) { Scale = logScale ? "log" : null };
        AddFigure(new FigureResult(id, "trajectory", variable.Name, variable.Label, variable.Unit, Trajectory: trajectory) { Analysis = ScopedAnalysisId(analysis) });
    }
}
