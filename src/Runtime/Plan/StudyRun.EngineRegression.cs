using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Statistics.Regression;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// A regression's design where the rows stay in the engine: the model factors as in memory (<see cref="ModelFactors"/>:
/// the same levels, references and labels), each term variable's value as SQL, and, once the engine has said which
/// levels the complete subjects have, the <see cref="ModelMatrix"/> layout in memory's columns, order and names (from a
/// skeleton of one row per present level: only its column structure is used) with each column coded as SQL.
/// </summary>
internal sealed class EngineDesign
{
    private readonly List<SqlLevel> _levels = [];
    private readonly Dictionary<int, (int Variable, int First)> _levelsOf = [];

    private EngineDesign(ModelFactors factors, SqlRegressionModel model, int[] variableOf)
    {
        Factors = factors;
        Model = model;
        VariableOf = variableOf;
    }

    public ModelFactors Factors { get; }

    public SqlRegressionModel Model { get; }

    /// <summary>For each model variable (<see cref="ModelFactors.Variables"/>): its index in the SQL model's variables, −1 for the group.</summary>
    public int[] VariableOf { get; }

    /// <summary>Every declared level of every factor, in model-variable order then level order, as the design query counts them.</summary>
    public IReadOnlyList<SqlLevel> Levels => _levels;

    /// <param name="responseValue">The response as the fit takes it (a bool as 1/0 for a logistic model); default: the variable's engine value.</param>
    /// <param name="nonNegative">A count response: a negative value is invalid (left out and counted).</param>
    public static EngineDesign Build(ModelFactors factors, IReadOnlyList<ModelTerm> terms, Variable response, bool log, Cohort cohort, SqlExpr? responseValue = null, bool nonNegative = false)
    {
        var variables = new List<(SqlExpr, SqlValueKind)>();
        var indexOfSource = new Dictionary<Variable, int>();
        var byName = new Dictionary<string, TermFactor>(StringComparer.Ordinal);
        foreach (TermFactor factor in terms.SelectMany(t => t.Factors))
        {
            string name = factor.Kind == TermFactorKind.Group ? "group" : factor.Kind == TermFactorKind.CovariateAsFactor ? $"factor({factor.Name})" : factor.Name;
            byName.TryAdd(name, factor);
        }

        var variableOf = new int[factors.Variables.Count];
        for (int m = 0; m < factors.Variables.Count; m++)
        {
            TermFactor factor = byName[factors.Variables[m].Name];
            if (factor.Kind == TermFactorKind.Group)
            {
                variableOf[m] = -1;
                continue;
            }

            if (factor.Kind == TermFactorKind.CovariateAsFactor)
            {
                throw new InvalidOperationException($"Bug: factor({factor.Name}) has data-dependent levels; the binder refuses it under compute in engine (PL2298).");
            }

            Variable covariate = factor.Covariate!;
            if (!indexOfSource.TryGetValue(covariate, out int index))
            {
                index = variables.Count;
                indexOfSource[covariate] = index;
                SqlValueKind kind = covariate switch
                {
                    BinaryVariable => SqlValueKind.Bool,
                    CategoricalVariable => SqlValueKind.Text,
                    _ => SqlValueKind.Number,
                };
                variables.Add((covariate.EngineValue ?? throw new InvalidOperationException($"Bug: '{covariate.Name}' has no engine form."), kind));
            }

            variableOf[m] = index;
        }

        var design = new EngineDesign(factors,
            new SqlRegressionModel(responseValue ?? response.EngineValue ?? throw new InvalidOperationException($"Bug: '{response.Name}' has no engine form."), log, variables, nonNegative), variableOf);
        for (int m = 0; m < factors.Variables.Count; m++)
        {
            ModelVariable v = factors.Variables[m];
            if (!v.IsFactor)
            {
                continue;
            }

            design._levelsOf[m] = (variableOf[m], design._levels.Count);
            foreach (string level in v.Levels!)
            {
                design._levels.Add(design.Level(m, level, cohort));
            }
        }

        return design;
    }

    /// <summary>
    /// The layout of the model matrix over the complete subjects: a skeleton whose factors have each level with a count
    /// (and no other), so that <see cref="ModelMatrix.Build"/> drops, names and orders columns as it does over the rows.
    /// </summary>
    public ModelMatrix Layout(SqlRegressionDesign counts, ModelContrasts contrasts)
    {
        var present = new Dictionary<int, int[]>();
        int rows = 1;
        foreach (var (m, (_, first)) in _levelsOf)
        {
            int[] levels = Enumerable.Range(0, Factors.Variables[m].Levels!.Count).Where(l => counts.LevelCounts[first + l] > 0).ToArray();
            present[m] = levels;
            rows = Math.Max(rows, levels.Length);
        }

        var skeleton = Factors.Variables.Select((v, m) => v.IsFactor
            ? ModelVariable.Factor(v.Name, Enumerable.Range(0, rows).Select(i => present[m].Length == 0 ? -1 : present[m][i % present[m].Length]).ToArray(), v.Levels!)
            : ModelVariable.Numeric(v.Name, new double[rows])).ToArray();
        return ModelMatrix.Build(skeleton, Factors.Terms, new double[rows], contrasts);
    }

    /// <summary>Each layout column as SQL parts, with its shift: the product of its parts' means (see <see cref="LinearCrossProducts"/>; only near the mean is needed).</summary>
    public (IReadOnlyList<SqlDesignPart>[] Columns, double[] Shifts) Columns(ModelMatrix layout, SqlRegressionDesign counts, ModelContrasts contrasts, Cohort cohort)
    {
        int p = layout.ColumnInfo.Count;
        var columns = new IReadOnlyList<SqlDesignPart>[p];
        var shifts = new double[p];
        var termSets = layout.Terms.Select(t => new HashSet<int>(t)).ToList();
        for (int j = 0; j < p; j++)
        {
            ModelColumn info = layout.ColumnInfo[j];
            var parts = new List<SqlDesignPart>();
            double shift = 1;
            if (info.Term >= 0)
            {
                int[] term = layout.Terms[info.Term];
                for (int k = 0; k < term.Length; k++)
                {
                    int m = term[k];
                    ModelVariable kept = layout.Variables[m];
                    if (!kept.IsFactor)
                    {
                        parts.Add(new SqlDesignPart(Number: VariableOf[m]));
                        shift *= counts.N == 0 ? 0 : counts.Sums[VariableOf[m]] / counts.N;
                        continue;
                    }

                    SqlLevel plus = Level(m, kept.Levels![info.Levels[k]], cohort);
                    bool sum = contrasts == ModelContrasts.Sum && MarginInModel(termSets, term, m);
                    SqlLevel? minus = sum ? Level(m, kept.Levels[^1], cohort) : null;
                    parts.Add(new SqlDesignPart(Plus: plus, Minus: minus));
                    double share = Share(m, plus, counts) - (minus is null ? 0 : Share(m, minus, counts));
                    shift *= share;
                }
            }

            columns[j] = parts;
            shifts[j] = info.Term < 0 ? 0 : shift;
        }

        return (columns, shifts);
    }

    /// <summary>As <c>ModelMatrix</c>: a factor is coded by contrasts when the term without it is in the model (the intercept is the empty term).</summary>
    private static bool MarginInModel(List<HashSet<int>> terms, int[] term, int variable)
    {
        var margin = new HashSet<int>(term.Where(v => v != variable));
        return margin.Count == 0 || terms.Any(t => t.SetEquals(margin));
    }

    private double Share(int m, SqlLevel level, SqlRegressionDesign counts)
    {
        var (_, first) = _levelsOf[m];
        int index = _levels.FindIndex(first, Factors.Variables[m].Levels!.Count, l => l == level);
        return counts.N == 0 ? 0 : (double)counts.LevelCounts[index] / counts.N;
    }

    private SqlLevel Level(int m, string level, Cohort cohort)
    {
        int variable = VariableOf[m];
        if (variable < 0)
        {
            int group = cohort.GroupNames.ToList().IndexOf(level);
            return new SqlLevel(-1, group);
        }

        return Model.Variables[variable].Kind == SqlValueKind.Bool ? new SqlLevel(variable, level == "TRUE") : new SqlLevel(variable, level);
    }
}

/// <summary>
/// <c>model linear</c> under <c>compute in engine</c>: two scans (three for a type III table) return n, the design's
/// level counts and means, and the cross-products X̃ᵀX̃, X̃ᵀỹ, ỹᵀỹ (<see cref="SqlRegression"/>); <see cref="LinearSumsFit"/>
/// finishes them into what the in-memory fit reports, with the in-memory warnings and exclusions. What needs each
/// subject's row (residuals, robust SEs, marginal means) the binder refuses (PL2298).
/// </summary>
public sealed partial class StudyRun
{
    /// <summary>What an engine linear model cannot give, and why.</summary>
    internal const string LinearNotAvailable =
        "residuals, leverages, robust (sandwich) standard errors and marginal means need each subject's row, and an engine returns only the cross-products: they are not computed from an engine";

    private void EngineLinear(ScopedAnalysis analysis, LinearSpec spec, ModelFactors factors, string method, string specification)
    {
        const string kind = "linear_model";
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine linear model in a run without an engine.");
        var cohortSql = ((EngineCohort)spec.Response.Cohort).Sql;
        var engine = source.Engine;
        long queries = engine.Queries, rowsReceived = engine.RowsReceived, received = engine.Received;
        var design = EngineDesign.Build(factors, spec.Terms, spec.Response, spec.Transform == ResponseTransform.Log, analysis.Cohort);
        SqlRegressionDesign counts = SqlRegression.Design(engine, cohortSql, design.Model, design.Levels, source.From);
        var warnings = new List<WarningResult>();
        if (counts.Excluded > 0)
        {
            string logPart = spec.Transform == ResponseTransform.Log && counts.NonPositive > 0 ? $" ({counts.NonPositive} of them with a response ≤ 0, which has no log)" : string.Empty;
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut, StatisticsWarnings.Invariant(
                $"{counts.Excluded} subject(s) with a missing response or term value left out of the linear model{logPart}; {counts.N} analysed")));
        }

        ModelMatrix layout = design.Layout(counts, ModelContrasts.Treatment);
        if (layout.DroppedLevels.Count > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut,
                "level(s) with no analysed subject dropped from the model, as R's lm: " + string.Join(", ", layout.DroppedLevels)));
        }

        if (counts.N > 0 && counts.ResponseMin == counts.ResponseMax)
        {
            string reason = StatisticsWarnings.Invariant($"the response is constant ({counts.ResponseMin}) over the {counts.N} analysed subject(s): there is no variation to explain");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearResponseConstant, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        double responseShift = counts.N == 0 ? 0 : counts.ResponseSum / counts.N;
        LinearSumsFit? fit = null;
        if (counts.N > 0)
        {
            var (columns, shifts) = design.Columns(layout, counts, ModelContrasts.Treatment, analysis.Cohort);
            fit = new LinearSumsFit(layout, SqlRegression.CrossProducts(engine, cohortSql, design.Model, columns, shifts, responseShift, source.From));
        }

        if (fit is null || fit.DegreesOfFreedom <= 0)
        {
            string reason = StatisticsWarnings.Invariant(
                $"{counts.N} analysed subject(s) for {fit?.Rank ?? layout.ColumnInfo.Count} estimable coefficient(s): no residual degrees of freedom, so no standard errors or tests");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearTooFewRows, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        foreach (int column in fit.AliasedColumns)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearAliased,
                $"'{layout.ColumnInfo[column].Name}' ({factors.Label(layout, layout.ColumnInfo[column])}) is a linear combination of earlier columns (aliased); its coefficient is not estimable (NA in R's lm) and the model is fitted without it"));
        }

        AnovaTable? table = spec.Anova switch
        {
            LinearAnovaType.TypeI => fit.Sequential(),
            LinearAnovaType.TypeII => fit.TypeTwo(),
            _ => fit.AliasedColumns.Count > 0 ? null : fit.TypeThree(SumContrastFit(design, counts, cohortSql, responseShift, source, analysis.Cohort)),
        };
        LinearAnovaResult? anova = AnovaResult(table, spec, warnings);
        var terms = fit.Coefficients.Select(k => new LinearTermResult(k.Term, factors.Label(layout, layout.ColumnInfo[k.Column]), k.Aliased ? "aliased" : ResultStatus.Ok,
            k.Estimate, k.StandardError, k.T, k.PValue, k.Low, k.High)).ToArray();
        var result = new LinearModelResult(LinearText.Response(spec), fit.N, counts.Excluded, null, fit.Rank, terms, fit.Sigma, fit.DegreesOfFreedom, fit.RSquared,
            fit.AdjustedRSquared, new LinearFTest(fit.FStatistic, fit.FDf1, fit.DegreesOfFreedom, fit.FPValue), fit.LogLikelihood, fit.Aic, fit.Bic, anova)
        {
            Engine = new CoxEngineResult(engine.Queries - queries, engine.RowsReceived - rowsReceived, engine.Received - received, engine.ReceivedUnit, LinearNotAvailable),
        };
        Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.Ok, method, null, specification, warnings, Linear: result));
    }

    /// <summary>The same model under sum-to-zero contrasts, for the type III table: one more cross-products scan.</summary>
    private static LinearSumsFit SumContrastFit(EngineDesign design, SqlRegressionDesign counts, CohortSql cohortSql, double responseShift, EngineSource source, Cohort cohort)
    {
        ModelMatrix layout = design.Layout(counts, ModelContrasts.Sum);
        var (columns, shifts) = design.Columns(layout, counts, ModelContrasts.Sum, cohort);
        return new LinearSumsFit(layout, SqlRegression.CrossProducts(source.Engine, cohortSql, design.Model, columns, shifts, responseShift, source.From));
    }

    /// <summary>What an engine logistic or Poisson model cannot give, and why.</summary>
    internal const string GlmNotAvailable =
        "profile-likelihood intervals need a refit per profile step (one query per IRLS iteration, for each coefficient and side), and residuals and marginal means each subject's row: they are not computed from an engine (the Wald intervals are)";

    /// <summary>
    /// <c>model logistic</c> and <c>model poisson</c> under <c>compute in engine</c>: the design query of the linear model, then
    /// the in-memory IRLS (<see cref="GlmIrls.Iterate"/>) with one query per point (<see cref="SqlGlmSource"/>), a GROUP BY of
    /// the response for a Poisson model's Σy·ln y and Σ ln y!, and <see cref="GlmSumsFit"/>'s summary. The binder refuses
    /// an offset, <c>family quasi</c> and <c>means</c> (PL2276).
    /// </summary>
    private void EngineGlm(ScopedAnalysis analysis, GlmSpec spec, ModelFactors factors, string method, string specification)
    {
        const string kind = "glm";
        method = method.Replace(" and profile-likelihood 95% CIs as confint(fit)", "; fitted in the engine by one query per IRLS iteration (no profile-likelihood CIs)", StringComparison.Ordinal);
        EngineSource source = _engineSource ?? throw new InvalidOperationException("Bug: an engine GLM in a run without an engine.");
        var cohortSql = ((EngineCohort)spec.Response.Cohort).Sql;
        var engine = source.Engine;
        long queries = engine.Queries, rowsReceived = engine.RowsReceived, received = engine.Received;
        bool logistic = spec.Family == GlmModelFamily.Logistic;
        SqlExpr value = spec.Response.EngineValue ?? throw new InvalidOperationException($"Bug: '{spec.Response.Name}' has no engine form.");
        var design = EngineDesign.Build(factors, spec.Terms, spec.Response, false, analysis.Cohort,
            logistic ? SqlExpr.If(value, SqlExpr.Number(1), SqlExpr.Number(0)) : null, nonNegative: !logistic);
        SqlRegressionDesign counts = SqlRegression.Design(engine, cohortSql, design.Model, design.Levels, source.From);
        var warnings = new List<WarningResult>();
        if (counts.Excluded > 0)
        {
            string invalidPart = !logistic && counts.NonPositive > 0 ? $" ({counts.NonPositive} of them with a negative count)" : string.Empty;
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut, StatisticsWarnings.Invariant(
                $"{counts.Excluded} subject(s) with a missing response, term or offset value left out of the {GlmText.Name(spec.Family)} model{invalidPart}; {counts.N} analysed")));
        }

        ModelMatrix layout = design.Layout(counts, ModelContrasts.Treatment);
        if (layout.DroppedLevels.Count > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut,
                "level(s) with no analysed subject dropped from the model, as R's glm: " + string.Join(", ", layout.DroppedLevels)));
        }

        if (counts.N == 0)
        {
            string reason = "no subject has a complete response and terms: there is nothing to fit";
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearTooFewRows, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        if (logistic && counts.ResponseMin == counts.ResponseMax)
        {
            string reason = StatisticsWarnings.Invariant(
                $"every one of the {counts.N} analysed subject(s) has '{spec.Response.Name}' = {(counts.ResponseMin == 1 ? "true" : "false")}: there is no variation to explain and the coefficients are infinite");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearResponseConstant, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        var (columns, _) = design.Columns(layout, counts, ModelContrasts.Treatment, analysis.Cohort);
        GlmFamilyKind family = logistic ? GlmFamilyKind.Binomial : GlmFamilyKind.Poisson;
        var glmSource = new SqlGlmSource(engine, cohortSql, design.Model, columns, family, source.From);
        var (yLogY, logFactorial) = logistic ? (0.0, 0.0) : glmSource.ResponseSums();
        GlmFit fit = GlmSumsFit.Fit(glmSource, layout.ColumnNames, family, counts.N, counts.ResponseSum, yLogY, logFactorial, GlmOptions.Default);
        warnings.AddRange(fit.Warnings.Select(w => w.ToResult()));
        if (fit.Failed)
        {
            string reason = "the GLM could not be fitted: " + string.Join("; ", fit.Warnings.Select(w => w.Message));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        var terms = fit.Coefficients.Select((k, j) => new GlmTermResult(k.Name, factors.Label(layout, layout.ColumnInfo[j]), k.Aliased ? "aliased" : ResultStatus.Ok,
            k.Estimate, k.StandardError, k.Statistic, k.PValue, k.WaldLow, k.WaldHigh, k.ProfileLow, k.ProfileHigh,
            k.ExpEstimate, k.ExpWaldLow, k.ExpWaldHigh, k.ExpProfileLow, k.ExpProfileHigh)).ToArray();
        var result = new GlmModelResult(GlmText.FamilyName(spec.Family), spec.Response.Name, null, fit.Observations, counts.Excluded,
            logistic ? "odds_ratio" : "rate_ratio", fit.Rank, terms, fit.Deviance, fit.ResidualDf, fit.NullDeviance, fit.NullDf,
            fit.Aic, fit.LogLikelihood, fit.Dispersion, fit.Theta, fit.Iterations, fit.Converged)
        {
            Engine = new CoxEngineResult(engine.Queries - queries, engine.RowsReceived - rowsReceived, engine.Received - received, engine.ReceivedUnit, GlmNotAvailable),
        };
        Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.Ok, method, null, specification, warnings, Glm: result));
    }
}
