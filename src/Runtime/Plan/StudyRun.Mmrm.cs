using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.Mmrm;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// <c>model mmrm</c>: the rows that a mixed model would use (<see cref="MixedDesign"/>: the same terms, codings and
    /// rows left out), one per subject and visit, fitted by <see cref="MmrmModel.Fit"/>; the visits are the outcome's
    /// time values that entered. With <c>means f</c> the means of f at each visit (emmeans' reference grid) and their
    /// contrasts, each with its own Satterthwaite df.
    /// </summary>
    private void FitMmrm(ScopedAnalysis analysis, MixedModelSpec spec, MmrmOptions options)
    {
        string method = "Mixed model for repeated measures (REML, " + CovarianceName(options.Covariance)
            + (spec.Df == DegreesOfFreedomMethod.KenwardRoger
                ? " covariance), as R's mmrm with method = \"Kenward-Roger\" (Kenward-Roger df and adjusted SEs)"
                : " covariance), as R's mmrm with Satterthwaite df");
        string specification = ModelText.Mixed(spec, ScopedCohort.GroupTermOf(analysis.Cohort));
        void Record(string status, string? reason, IReadOnlyList<WarningResult> warnings, MmrmResult? result) =>
            this.Record(analysis, new AnalysisResult(0, analysis.Id, "mmrm", analysis.Source, status, method, reason, specification, warnings) { Mmrm = result });

        MixedDesign design;
        try
        {
            design = MixedDesign.Build(spec, analysis.Cohort);
        }
        catch (MixedDesign.UnsupportedException e)
        {
            Record(ResultStatus.Failed, e.Message, [StatisticsWarnings.Warning(e.UnknownGroup ? StatisticsWarnings.UnknownGroup : StatisticsWarnings.MmrmNotFitted, e.Message)], null);
            return;
        }

        var warnings = MixedRowWarnings(analysis, spec, design);
        specification = design.Formula;
        int[] visit = design.RowTimes.Select(t => Array.IndexOf(design.AllTimeLevels, t)).ToArray();
        string[] visitNames = design.AllTimeLevels.Select(ModelText.Number).ToArray();
        var input = new MmrmInput(design.Input.Response, design.Input.Fixed, design.Input.Subject, design.Input.Subjects, visit, visitNames);
        MmrmFit fit;
        try
        {
            fit = MmrmModel.Fit(input, options.Covariance, spec.Df);
        }
        catch (MmrmDuplicateVisitException e)
        {
            string subjectId = analysis.Cohort.Keys[design.RowCohortSubjects[e.Row]];
            string where = design.RowSourceRows.Length == 0
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" ({spec.Response.Source} rows {design.RowSourceRows[e.FirstRow]} and {design.RowSourceRows[e.Row]})");
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"'{spec.Response.Name}': subject '{subjectId}' has two rows at {spec.Response.TimeName} = {e.VisitName}{where}; an MMRM needs at most one row per subject and visit");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.MmrmDuplicateVisit, reason));
            Record(ResultStatus.Failed, reason, warnings, null);
            return;
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException)
        {
            string reason = "the model cannot be fitted: " + e.Message;
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.MmrmNotFitted, reason));
            Record(ResultStatus.Failed, reason, warnings, null);
            return;
        }

        foreach (string w in fit.Warnings)
        {
            warnings.Add(StatisticsWarnings.Warning(
                w.StartsWith("fixed-effect model matrix is rank deficient", StringComparison.Ordinal) ? StatisticsWarnings.MixedRankDeficient : StatisticsWarnings.MmrmConvergence, w));
        }

        // A `group` factor is the analysis' grouping, named in the design as the scope names it (`by sex`: sex).
        string? meansFactor = VisitMeansFactor(spec, analysis.Cohort);
        (VisitMeanRow[]? means, VisitContrastRow[]? contrasts) = meansFactor is { } factor
            ? VisitMeans(design, fit, factor, $"factor({spec.Response.TimeName})", spec.Means!)
            : (null, null);
        int p = fit.FixedEffects.Count, m = visitNames.Length;
        var response = ResponseScale(spec, means, contrasts);
        var result = new MmrmResult(
            design.Formula, CovarianceName(options.Covariance), fit.Observations, fit.Subjects, visitNames, design.LeftOut,
            fit.FixedEffects.Select(f => new FixedEffectRow(f.Name, f.Estimate, f.StandardError, f.DegreesOfFreedom, f.T, f.PValue)).ToArray(),
            SquareRows(fit.Sigma, m), SquareRows(Correlations(fit.Sigma, m), m), SquareRows(fit.FixedEffectsCovariance, p),
            new MmrmFitStatistics(fit.Criterion, fit.LogLikelihood, fit.Parameters, fit.Aic, fit.Bic, fit.Convergence.Converged, fit.Convergence.Evaluations, fit.Convergence.Gradient),
            means, contrasts, fit.NotEstimable.Count == 0 ? null : fit.NotEstimable)
        {
            MeansFactor = meansFactor,
            ResponseMeans = response.Means,
            ResponseContrasts = response.Contrasts,
            ContrastAdjust = meansFactor is null ? null : spec.Means!.Adjust.ToString().ToLowerInvariant(),
            TypeIII = fit.TypeIII.Select(t => new TermTestRow(t.Term, t.NumeratorDf, t.DenominatorDf, t.F, t.PValue)).ToArray(),
            LevelLabels = LabelledLevels(spec, design.GroupLevels, analysis.Cohort),
            DegreesOfFreedom = DegreesOfFreedomNames.Of(fit.DegreesOfFreedom),
        };
        Record(ResultStatus.Ok, null, warnings, result);
    }

    private static double[] Correlations(IReadOnlyList<double> sigma, int m)
    {
        var r = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                r[(i * m) + j] = sigma[(i * m) + j] / Math.Sqrt(sigma[(i * m) + i] * sigma[(j * m) + j]);
            }
        }

        return r;
    }

    private static string CovarianceName(MmrmCovarianceKind kind) => kind switch
    {
        MmrmCovarianceKind.CompoundSymmetry => "compound symmetry",
        MmrmCovarianceKind.Ar1 => "AR(1)",
        MmrmCovarianceKind.Toeplitz => "Toeplitz",
        _ => "unstructured",
    };
}
