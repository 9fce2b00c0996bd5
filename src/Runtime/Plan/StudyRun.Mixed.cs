using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// A linear mixed model of a repeated outcome, fitted as <c>lmerTest::lmer</c> (REML unless the
    /// protocol asks for ML), with Satterthwaite t-tests and type III F tests per term.
    /// </summary>
    /// <remarks>
    /// Rows enter when their subject's group is included and their value and time are present
    /// (and the value is positive under <c>log</c>); the others are counted per reason. Groups are
    /// coded with the first included group (declaration order) as the reference, time as a
    /// factor with levels sorted numerically and the first as the reference, as R's
    /// <c>factor()</c> and treatment contrasts do; subject covariates as <see cref="MixedCovariate"/>
    /// codes them (rows of subjects without a value are left out, as R's <c>na.omit</c>). Supported:
    /// group, time and subject-covariate terms and their interactions, one random intercept and/or
    /// slope on time per subject, correlated in one term or uncorrelated, <c>(1 | id) + (0 + t | id)</c>. A rank-deficient design loses its aliased columns as lme4 does
    /// (warning PL5034; their coefficients are listed as not estimable).
    /// </remarks>
    public void MixedModel(string source, MixedModelSpec spec) => MixedModel(Derived(source), spec);

    /// <inheritdoc cref="MixedModel(string, MixedModelSpec)"/>
    public void MixedModel(AnalysisInfo analysis, MixedModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(spec);
        Variable[] variables = spec.FixedTerms.SelectMany(t => t.Factors).Select(f => f.Covariate).OfType<Variable>().Prepend(spec.Response).ToArray();
        if (analysis.Scope.RowWhereText is not null)
        {
            // The scope counts the rows its row subset left out, per repetition: it needs the response before mapping.
            analysis = analysis with { Scope = analysis.Scope with { RowSubset = spec.Response } };
        }

        ForEachScope(analysis, spec.Mmrm is not null ? "mmrm" : spec.RmAnova is not null ? "rm_anova" : "mixed_model", variables, scoped => MixedModel(scoped, scoped.Map(spec)));
    }

    private void MixedModel(ScopedAnalysis analysis, MixedModelSpec spec)
    {
        if (spec.Mmrm is { } mmrm)
        {
            FitMmrm(analysis, spec, mmrm);
            return;
        }

        if (spec.RmAnova is not null)
        {
            FitRmAnova(analysis, spec);
            return;
        }

        Cohort cohort = analysis.Cohort;
        string method = spec.Df == DegreesOfFreedomMethod.KenwardRoger
            ? $"Linear mixed model ({(spec.Reml ? "REML" : "ML")}), R lme4::lmer with Kenward-Roger df and adjusted SEs (pbkrtest, as lmerTest's ddf = \"Kenward-Roger\"); type III F tests as lmerTest's anova()"
            : $"Linear mixed model ({(spec.Reml ? "REML" : "ML")}), R lme4::lmer with lmerTest Satterthwaite df; type III F tests as lmerTest's anova()";
        string specification = ModelText.Mixed(spec, ScopedCohort.GroupTermOf(cohort));
        void Fail(string reason, string code) =>
            RecordMixed(analysis, ResultStatus.Failed, method, reason, specification, new[] { StatisticsWarnings.Warning(code, reason) }, null);
        if (cohort is EngineCohort)
        {
            EngineMixed(analysis, spec, method, specification);
            return;
        }


        RecordTrajectoryFigure(analysis, spec.Response, logScale: spec.Transform == ResponseTransform.Log);
        MixedDesign design;
        try
        {
            design = MixedDesign.Build(spec, cohort);
        }
        catch (MixedDesign.UnsupportedException e)
        {
            Fail(e.Message, e.UnknownGroup ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.MixedNotFitted);
            return;
        }

        var warnings = MixedRowWarnings(analysis, spec, design);

        // Designs lme4 refuses, or fits to an arbitrary variance split, are "not estimable" here.
        if (MixedModelIdentifiability.ConstantResponse(design.Input) is { } constant)
        {
            NotEstimable($"'{spec.Response.Name}': {constant}", StatisticsWarnings.MixedResponseConstant);
            return;
        }

        if (MixedModelIdentifiability.TooFewObservations(design.Input) is { } tooFew)
        {
            NotEstimable($"'{spec.Response.Name}': {tooFew}", StatisticsWarnings.MixedTooFewObservationsPerSubject);
            return;
        }

        MixedModelFit fit;
        try
        {
            fit = LinearMixedModel.Fit(design.Input, spec.Reml, design.Means, spec.Df);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException or MathNet.Numerics.NonConvergenceException)
        {
            string reason = "the model cannot be fitted: " + e.Message;
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.MixedNotFitted, reason));
            RecordMixed(analysis, ResultStatus.Failed, method, reason, specification, warnings, null);
            return;
        }

        void NotEstimable(string reason, string code)
        {
            warnings.Add(StatisticsWarnings.Warning(code, reason));
            RecordMixed(analysis, ResultStatus.NotEstimable, method, reason, specification, warnings, null);
        }

        AddFitWarnings(warnings, fit);
        RecordMixed(analysis, ResultStatus.Ok, method, null, specification, warnings, MixedResult(spec, design, fit, cohort));
    }

    /// <summary>The fit's own warnings (singular, rank deficient, convergence), each with its code.</summary>
    private static void AddFitWarnings(List<WarningResult> warnings, MixedModelFit fit)
    {
        foreach (string w in fit.Warnings)
        {
            string code = w.StartsWith("boundary", StringComparison.Ordinal) ? StatisticsWarnings.MixedSingularFit
                : w.StartsWith("fixed-effect model matrix is rank deficient", StringComparison.Ordinal) ? StatisticsWarnings.MixedRankDeficient
                : StatisticsWarnings.MixedConvergence;
            warnings.Add(StatisticsWarnings.Warning(code, w));
        }
    }

    /// <summary>The non-finite-value warnings and the counts of rows left out, per reason, of a mixed model or MMRM.</summary>
    private List<WarningResult> MixedRowWarnings(ScopedAnalysis analysis, MixedModelSpec spec, MixedDesign design)
    {
        var warnings = new List<WarningResult>(NotFiniteWarnings(spec.FixedTerms.SelectMany(t => t.Factors).Select(f => f.Covariate).Prepend<Variable?>(spec.Response)));
        if (design.LeftOut.Count > 0)
        {
            string parts = string.Join(", ", design.LeftOut.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Count} {l.Reason}")));
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MixedRowsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': {design.LeftOut.Sum(l => l.Count)} of {spec.Response.Values.Length} rows left out ({parts})")));
        }

        if (analysis.Result?.RowsLeftOut is [{ } rowsLeftOut])
        {
            // The analysis' own row subset: counted over the rows of its subjects (those of subjects out of scope are out anyway).
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MixedRowsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': {rowsLeftOut.Count} row(s) of '{spec.Response.Table}' left out by 'where {rowsLeftOut.Reason}' (rows of the subjects in scope); {spec.Response.Values.Length} in it")));
        }
        else if (spec.Response.LeftOutByWhere > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.MixedRowsLeftOut, string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': {spec.Response.LeftOutByWhere} row(s) of '{spec.Response.Table}' left out by the outcome's subset (where {spec.Response.WhereText ?? "..."}); {spec.Response.Values.Length} in it")));
        }

        return warnings;
    }

    private void RecordMixed(ScopedAnalysis analysis, string status, string method, string? reason, string specification, IReadOnlyList<WarningResult> warnings, MixedModelResult? result) =>
        Record(analysis, new AnalysisResult(0, analysis.Id, "mixed_model", analysis.Source, status, method, reason, specification, warnings, Mixed: result));

    /// <summary>What a mixed model's result takes from its design, in memory (<see cref="MixedDesign"/>) or from an engine's sums.</summary>
    private sealed record MixedLevels(string Formula, IReadOnlyList<string>? GroupLevels, IReadOnlyList<double>? TimeLevels, IReadOnlyList<RowsLeftOut> LeftOut, bool HasMeans);

    private static MixedModelResult MixedResult(MixedModelSpec spec, MixedDesign design, MixedModelFit fit, Cohort cohort)
    {
        string? meansFactor = VisitMeansFactor(spec, cohort);
        (VisitMeanRow[]? Means, VisitContrastRow[]? Contrasts) visit = meansFactor is { } factor
            ? VisitMeans(design, fit.Contrasts!, factor, $"factor({spec.Response.TimeName})", spec.Means!)
            : (null, null);
        var levels = new MixedLevels(design.Formula, design.GroupLevels, design.TimeLevels, design.LeftOut, design.Means is not null);
        return MixedResult(spec, levels, fit, cohort, visit, meansFactor);
    }

    private static MixedModelResult MixedResult(MixedModelSpec spec, MixedLevels design, MixedModelFit fit, Cohort cohort,
        (VisitMeanRow[]? Means, VisitContrastRow[]? Contrasts) visit, string? meansFactor)
    {
        (VisitMeanRow[]? Means, VisitContrastRow[]? Contrasts) response = ResponseScale(spec, visit.Means, visit.Contrasts);
        string grouping = spec.RandomEffects[0].Grouping;
        var components = new List<VarianceComponentRow>();
        for (int k = 0; k < fit.RandomEffects.Count; k++)
        {
            RandomEffectSd re = fit.RandomEffects[k];
            components.Add(new VarianceComponentRow(grouping, re.Name, re.Variance, re.StandardDeviation, k == 1 ? fit.Correlation : null));
        }

        components.Add(new VarianceComponentRow("Residual", "", fit.Sigma * fit.Sigma, fit.Sigma, null));
        return new MixedModelResult(
            design.Formula,
            fit.Reml ? "REML" : "ML",
            fit.Observations,
            fit.Subjects,
            design.GroupLevels,
            design.TimeLevels,
            design.LeftOut,
            fit.FixedEffects.Select(f => new FixedEffectRow(f.Name, f.Estimate, f.StandardError, f.DegreesOfFreedom, f.T, f.PValue)).ToArray(),
            components,
            fit.TypeIII.Select(t => new TermTestRow(t.Term, t.NumeratorDf, t.DenominatorDf, t.F, t.PValue)).ToArray(),
            !design.HasMeans ? null : fit.MarginalMeans.Select((m, k) => new MarginalMeanRow(
                design.GroupLevels![k / design.TimeLevels!.Count], design.TimeLevels[k % design.TimeLevels.Count],
                m.Estimate, m.StandardError, m.DegreesOfFreedom, m.Lower, m.Upper)).ToArray(),
            new MixedFitStatistics(fit.Criterion, fit.LogLikelihood, fit.Parameters, fit.Aic, fit.Bic, fit.Sigma, fit.Theta, fit.Singular,
                fit.Convergence.Converged, fit.Convergence.Evaluations, fit.Convergence.Gradient),
            fit.NotEstimable.Count == 0 ? null : fit.NotEstimable)
        {
            LevelLabels = LabelledLevels(spec, design.GroupLevels, cohort),
            GroupTerm = ScopedCohort.GroupTermOf(cohort) is var term && term != ScopedCohort.DefaultGroupTerm ? term : null,
            Vcov = SquareRows(fit.FixedEffectsCovariance, fit.FixedEffects.Count),
            VisitMeans = visit.Means,
            VisitContrasts = visit.Contrasts,
            VisitResponseMeans = response.Means,
            VisitResponseContrasts = response.Contrasts,
            MeansFactor = meansFactor,
            ContrastAdjust = meansFactor is null ? null : spec.Means!.Adjust.ToString().ToLowerInvariant(),
            TypeI = spec.TypeI ? fit.TypeI.Select(t => new TermTestRow(t.Term, t.NumeratorDf, t.DenominatorDf, t.F, t.PValue)).ToArray() : null,
            DegreesOfFreedom = DegreesOfFreedomNames.Of(fit.DegreesOfFreedom),
        };
    }

    /// <summary>The categorical covariates of the fixed terms whose levels have labels, once each, in order of first use.</summary>
    /// <remarks>A group term named after a <c>by</c> factor with coded levels (<c>by sex</c>: <c>sex2</c>) gets its key too.</remarks>
    private static LevelLabelsRow[]? LabelledLevels(MixedModelSpec spec, IReadOnlyList<string>? groupLevels, Cohort cohort)
    {
        IEnumerable<LevelLabelsRow> rows = spec.FixedTerms.SelectMany(t => t.Factors)
            .Select(f => f.Covariate).OfType<CategoricalVariable>()
            .Where(v => !v.Levels.SequenceEqual(v.LevelLabels, StringComparer.Ordinal))
            .DistinctBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => new LevelLabelsRow(v.Name, v.Levels, v.LevelLabels));
        string term = ScopedCohort.GroupTermOf(cohort);
        if (term != ScopedCohort.DefaultGroupTerm && groupLevels is { } levels)
        {
            string[] labels = levels.Select(l => cohort.GroupLabels[cohort.GroupNames.ToList().IndexOf(l)]).ToArray();
            if (!levels.SequenceEqual(labels, StringComparer.Ordinal))
            {
                rows = rows.Where(r => r.Variable != term).Prepend(new LevelLabelsRow(term, levels, labels));
            }
        }

        LevelLabelsRow[] all = rows.ToArray();
        return all.Length == 0 ? null : all;
    }

    /// <summary>A row-major p × p matrix as p rows; empty when the sizes disagree (no matrix to show).</summary>
    private static double[][] SquareRows(IReadOnlyList<double> values, int p) =>
        values.Count != p * p ? [] : Enumerable.Range(0, p).Select(i => Enumerable.Range(0, p).Select(j => values[(i * p) + j]).ToArray()).ToArray();
}
