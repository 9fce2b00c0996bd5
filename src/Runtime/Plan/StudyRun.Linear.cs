using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// A linear model fitted by least squares, as R's <c>lm</c>: numbers as they are, categories, bools and the group
    /// factor in treatment contrasts against their reference (the named one, else the first level), interactions as
    /// R's model matrix builds them. Subjects with a missing response or term value are left out and counted (PL5083);
    /// an aliased column gets no estimate, as R's NA (PL5080). Reports coefficients with t tests and 95% CIs (classical
    /// or <c>sandwich::vcovHC</c>), R², the overall F, AIC/BIC and an ANOVA table of type I, II or III.
    /// </summary>
    public void Linear(string source, LinearSpec spec) => Linear(Derived(source), spec);

    /// <inheritdoc cref="Linear(string, LinearSpec)"/>
    public void Linear(AnalysisInfo analysis, LinearSpec spec)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(spec);
        Variable[] variables = spec.Terms.SelectMany(t => t.Factors).Select(f => f.Covariate).OfType<Variable>().Prepend(spec.Response).ToArray();
        ForEachScope(analysis, "linear_model", variables, scoped => Linear(scoped, scoped.Map(spec)));
    }

    private void Linear(ScopedAnalysis analysis, LinearSpec spec)
    {
        const string kind = "linear_model";
        string method = LinearText.Method(spec);
        string specification = LinearText.Specification(spec);
        (ModelFactors? factors, string? problem) = ModelFactors.Build(spec.Terms, spec.References, analysis.Cohort);
        if (factors is null || spec.Response is not (ContinuousVariable or CountVariable))
        {
            problem ??= $"'{spec.Response.Name}' is a {spec.Response.KindName} variable; the response of a linear model must be numeric";
            Record(analysis, kind, ResultStatus.Failed, method, problem, specification, new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, problem) });
            return;
        }

        if (InEngineMode)
        {
            EngineLinear(analysis, spec, factors, method, specification);
            return;
        }

        var warnings = new List<WarningResult>(NotFiniteWarnings(factors.Sources.Prepend(spec.Response)));
        double[] y = spec.Response is ContinuousVariable c ? (double[])c.ValueArray.Clone() : (double[])((CountVariable)spec.Response).ValueArray.Clone();
        int nonPositive = 0;
        if (spec.Transform == ResponseTransform.Log)
        {
            for (int i = 0; i < y.Length; i++)
            {
                if (y[i] <= 0)
                {
                    nonPositive++;
                    y[i] = double.NaN;
                }
                else
                {
                    y[i] = Math.Log(y[i]);
                }
            }
        }

        ModelMatrix matrix = ModelMatrix.Build(factors.Variables, factors.Terms, y);
        if (matrix.Excluded > 0)
        {
            string logPart = nonPositive > 0 ? $" ({nonPositive} of them with a response ≤ 0, which has no log)" : string.Empty;
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut, StatisticsWarnings.Invariant(
                $"{matrix.Excluded} subject(s) with a missing response or term value left out of the linear model{logPart}; {matrix.Rows} analysed")));
        }

        if (matrix.DroppedLevels.Count > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut,
                "level(s) with no analysed subject dropped from the model, as R's lm: " + string.Join(", ", matrix.DroppedLevels)));
        }

        if (matrix.Rows > 0 && matrix.Response.All(v => v == matrix.Response[0]))
        {
            string reason = StatisticsWarnings.Invariant($"the response is constant ({matrix.Response[0]}) over the {matrix.Rows} analysed subject(s): there is no variation to explain");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearResponseConstant, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        LinearModelFit? fit = matrix.Rows == 0 ? null : LinearModel.Fit(matrix);
        if (fit is null || fit.DegreesOfFreedom <= 0)
        {
            string reason = StatisticsWarnings.Invariant(
                $"{matrix.Rows} analysed subject(s) for {fit?.Rank ?? matrix.Columns.Count} estimable coefficient(s): no residual degrees of freedom, so no standard errors or tests");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearTooFewRows, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        foreach (int column in fit.AliasedColumns)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearAliased,
                $"'{matrix.ColumnInfo[column].Name}' ({factors.Label(matrix, matrix.ColumnInfo[column])}) is a linear combination of earlier columns (aliased); its coefficient is not estimable (NA in R's lm) and the model is fitted without it"));
        }

        IReadOnlyList<LinearCoefficient> coefficients = fit.Coefficients;
        if (spec.Robust != RobustStandardErrors.None)
        {
            RobustType type = (RobustType)((int)spec.Robust - 1);
            if (type is RobustType.HC2 or RobustType.HC3 && fit.Hat().Any(h => h >= 1 - 1e-10))
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearOutputNotComputed,
                    $"a subject has leverage 1 (it alone determines a coefficient): {type} standard errors divide by 1 − h and are undefined; they are reported as missing"));
                coefficients = fit.Robust(type).Select(k => k.Aliased ? k : k with
                {
                    StandardError = double.NaN, T = double.NaN, PValue = double.NaN, Low = double.NaN, High = double.NaN,
                }).ToArray();
            }
            else
            {
                coefficients = fit.Robust(type);
            }
        }

        LinearAnovaResult? anova = Anova(fit, factors, spec, warnings);
        LinearMeansResult? means = LinearMeans(fit, spec, warnings);
        var terms = coefficients.Select(k => new LinearTermResult(k.Term, factors.Label(matrix, matrix.ColumnInfo[k.Column]), k.Aliased ? "aliased" : ResultStatus.Ok,
            k.Estimate, k.StandardError, k.T, k.PValue, k.Low, k.High)).ToArray();
        var result = new LinearModelResult(LinearText.Response(spec), fit.N, matrix.Excluded, spec.Robust == RobustStandardErrors.None ? null : spec.Robust.ToString(),
            fit.Rank, terms, fit.Sigma, fit.DegreesOfFreedom, fit.RSquared, fit.AdjustedRSquared,
            new LinearFTest(fit.FStatistic, fit.FDf1, fit.DegreesOfFreedom, fit.FPValue), fit.LogLikelihood, fit.Aic, fit.Bic, anova, means);
        Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.Ok, method, null, specification, warnings, Linear: result));
    }

    private static LinearAnovaResult? Anova(LinearModelFit fit, ModelFactors factors, LinearSpec spec, List<WarningResult> warnings)
    {
        AnovaTable? table = spec.Anova switch
        {
            LinearAnovaType.TypeI => LinearAnova.Sequential(fit),
            LinearAnovaType.TypeII => LinearAnova.TypeTwo(fit),
            _ => LinearAnova.TypeThree(LinearModel.Fit(ModelMatrix.Build(factors.Variables, factors.Terms, Response(fit), ModelContrasts.Sum))),
        };
        return AnovaResult(table, spec, warnings);
    }

    /// <summary>The ANOVA table as results.json holds it, or the warning that it is not computed (null table: an aliased column).</summary>
    private static LinearAnovaResult? AnovaResult(AnovaTable? table, LinearSpec spec, List<WarningResult> warnings)
    {
        string type = spec.Anova switch { LinearAnovaType.TypeI => "I", LinearAnovaType.TypeII => "II", _ => "III" };
        if (table is null)
        {
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearOutputNotComputed,
                $"the type {type} ANOVA table is not computed: the model has an aliased column, and each term's test would depend on which of the aliased columns is dropped (car::Anova refuses such models); refit without the aliased term, or use type I"));
            return null;
        }

        return new LinearAnovaResult(type, spec.Anova == LinearAnovaType.TypeIII ? "sum" : "treatment",
            table.Rows.Select(r => new LinearAnovaRow(r.Term, r.DegreesOfFreedom, r.SumOfSquares, r.MeanSquare, r.F, r.PValue)).ToArray());
    }

    /// <summary>The fit's response on the input rows (NaN where left out), so the sum-contrast matrix keeps the same rows.</summary>
    private static double[] Response(LinearModelFit fit)
    {
        ModelMatrix m = fit.Matrix;
        int n = m.Rows + m.Excluded;
        var y = Enumerable.Repeat(double.NaN, n).ToArray();
        for (int k = 0; k < m.Rows; k++)
        {
            y[m.RowIndex[k]] = m.Response[k];
        }

        return y;
    }
}

/// <summary>The method line and specification of a linear model, as a reader and R user read them.</summary>
internal static class LinearText
{
    public static string Response(LinearSpec spec) => spec.Transform == ResponseTransform.Log ? $"log({spec.Response.Name})" : spec.Response.Name;

    public static string Specification(LinearSpec spec)
    {
        IEnumerable<string> terms = spec.Terms.Select(t => string.Join(":", t.Factors.Select(f =>
            f.Kind == TermFactorKind.Group ? "group" : f.Kind == TermFactorKind.CovariateAsFactor ? $"factor({f.Name})" : f.Name)));
        string text = $"{Response(spec)} ~ {string.Join(" + ", terms.DefaultIfEmpty("1"))}";
        if (spec.References.Count > 0)
        {
            text += "; reference " + string.Join(", ", spec.References.Select(r => $"{r.Factor} = {r.Level}"));
        }

        return text;
    }

    public static string Method(LinearSpec spec)
    {
        string anova = spec.Anova switch
        {
            LinearAnovaType.TypeI => "type I (sequential) ANOVA as R anova(fit)",
            LinearAnovaType.TypeII => "type II ANOVA as R car::Anova(fit, type = 2)",
            _ => "type III ANOVA with sum-to-zero contrasts as R car::Anova(fit, type = 3) under options(contrasts = c(\"contr.sum\", \"contr.poly\"))",
        };
        string se = spec.Robust == RobustStandardErrors.None
            ? "t tests and 95% CIs from the classical standard errors (summary(fit), confint(fit))"
            : $"t tests and 95% CIs from {spec.Robust} heteroscedasticity-robust standard errors, R sandwich::vcovHC(fit, type = \"{spec.Robust}\") with lmtest::coeftest(fit, vcov = ), on the residual df";
        return $"Linear regression by least squares, R lm() with treatment contrasts; {se}; {anova}";
    }
}
