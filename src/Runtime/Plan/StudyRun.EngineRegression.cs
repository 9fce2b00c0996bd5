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
        var warnings = new List<WarningResult>(NotFiniteWarnings(factors.Sources.Prepend(spec.Response)));
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
        var warnings = new List<WarningResult>(NotFiniteWarnings(factors.Sources.Prepend(spec.Response)));
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
