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
        string? meansFactor = options.Means == "group" ? ScopedCohort.GroupTermOf(analysis.Cohort) : options.Means;
        (MmrmMeanRow[]? means, MmrmContrastRow[]? contrasts) = meansFactor is { } factor ? MmrmMeans(design, fit, factor, $"factor({spec.Response.TimeName})", options.Pairwise) : (null, null);
        int p = fit.FixedEffects.Count, m = visitNames.Length;
        var result = new MmrmResult(
            design.Formula, CovarianceName(options.Covariance), fit.Observations, fit.Subjects, visitNames, design.LeftOut,
            fit.FixedEffects.Select(f => new FixedEffectRow(f.Name, f.Estimate, f.StandardError, f.DegreesOfFreedom, f.T, f.PValue)).ToArray(),
            SquareRows(fit.Sigma, m), SquareRows(Correlations(fit.Sigma, m), m), SquareRows(fit.FixedEffectsCovariance, p),
            new MmrmFitStatistics(fit.Criterion, fit.LogLikelihood, fit.Parameters, fit.Aic, fit.Bic, fit.Convergence.Converged, fit.Convergence.Evaluations, fit.Convergence.Gradient),
            means, contrasts, fit.NotEstimable.Count == 0 ? null : fit.NotEstimable)
        {
            MeansFactor = meansFactor,
            LevelLabels = LabelledLevels(spec, design, analysis.Cohort),
            DegreesOfFreedom = DegreesOfFreedomNames.Of(fit.DegreesOfFreedom),
        };
        Record(ResultStatus.Ok, null, warnings, result);
    }

    /// <summary>
    /// The means of <paramref name="factor"/> within each visit and their contrasts (emmeans' <c>~ f | visit</c>, then
    /// <c>trt.vs.ctrl</c> or <c>pairwise</c>, "later − earlier level" for pairs as emmeans writes "a - b" for a before b).
    /// With time not a factor term of the model the means are over the whole grid, at one "all" visit.
    /// </summary>
    private static (MmrmMeanRow[], MmrmContrastRow[]) MmrmMeans(MixedDesign design, MmrmFit fit, string factor, string timeFactor, bool pairwise)
    {
        FixedEffectsDesign x = design.Input.Fixed;
        int f = IndexOfVariable(x, factor);
        int t = Enumerable.Range(0, x.Variables.Count).FirstOrDefault(v => x.Variables[v].IsFactor && x.Variables[v].Name == timeFactor, -1);
        MeansGrid grid = ReferenceGrid.CellMeans(x, t >= 0 ? [t, f] : [f]);
        IReadOnlyList<string> levels = x.Variables[f].Levels!;
        IReadOnlyList<string> visits = t >= 0 ? x.Variables[t].Levels! : ["all"];
        int p = x.Columns, k = levels.Count;
        double[] Row(int v, int level) => grid.X.AsSpan(((v * k) + level) * p, p).ToArray();
        var means = new List<MmrmMeanRow>();
        var contrasts = new List<MmrmContrastRow>();
        for (int v = 0; v < visits.Count; v++)
        {
            for (int level = 0; level < k; level++)
            {
                ContrastEstimate e = fit.Estimate(Row(v, level));
                (double lo, double hi) = Interval(e);
                means.Add(new MmrmMeanRow(levels[level], visits[v], e.Estimate, e.StandardError, e.DegreesOfFreedom, lo, hi));
            }

            IEnumerable<(int A, int B)> pairs = pairwise
                ? Enumerable.Range(0, k).SelectMany(a => Enumerable.Range(a + 1, k - a - 1).Select(b => (a, b)))
                : Enumerable.Range(1, k - 1).Select(b => (b, 0));
            foreach ((int a, int b) in pairs)
            {
                double[] l = Row(v, a).Zip(Row(v, b), (u, w) => u - w).ToArray();
                ContrastEstimate e = fit.Estimate(l);
                double tValue = e.Estimate / e.StandardError;
                (double lo, double hi) = Interval(e);
                contrasts.Add(new MmrmContrastRow(levels[a] + " - " + levels[b], visits[v], e.Estimate, e.StandardError, e.DegreesOfFreedom,
                    tValue, LinearMixedModel.TwoSidedT(tValue, e.DegreesOfFreedom), lo, hi));
            }
        }

        return (means.ToArray(), contrasts.ToArray());
    }

    private static int IndexOfVariable(FixedEffectsDesign x, string name)
    {
        for (int v = 0; v < x.Variables.Count; v++)
        {
            // A factor(x) term's variable is named so in the design; the binder knows it as x.
            if (x.Variables[v].IsFactor && (x.Variables[v].Name == name || x.Variables[v].Name == $"factor({name})"))
            {
                return v;
            }
        }

        throw new InvalidOperationException($"Bug: the means factor '{name}' is not a factor of the design (the binder checks it).");
    }

    private static (double Lower, double Upper) Interval(ContrastEstimate e)
    {
        if (!double.IsFinite(e.Estimate) || !(e.DegreesOfFreedom > 0))
        {
            return (double.NaN, double.NaN);
        }

        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, e.DegreesOfFreedom, 0.975) * e.StandardError;
        return (e.Estimate - half, e.Estimate + half);
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
