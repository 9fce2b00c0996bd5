using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Statistics.Regression;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    /// <summary>
    /// A generalised linear model, as R's <c>glm</c> (or <c>MASS::glm.nb</c>): the model matrix of <c>model linear</c>
    /// (treatment contrasts, R's column names), complete cases only with the rows left out counted (PL5083), fitted by
    /// the GLM kernel (<see cref="GeneralizedLinearModel"/>), whose warnings (PL5085–PL5089) are recorded as they come.
    /// Reports coefficients with z (t) tests, Wald and profile-likelihood 95% CIs, exp(coef) as odds or rate ratios,
    /// deviance, null deviance and AIC.
    /// </summary>
    public void Glm(string source, GlmSpec spec) => Glm(Derived(source), spec);

    /// <inheritdoc cref="Glm(string, GlmSpec)"/>
    public void Glm(AnalysisInfo analysis, GlmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(spec);
        Variable[] variables = spec.Terms.SelectMany(t => t.Factors).Select(f => f.Covariate).OfType<Variable>()
            .Prepend(spec.Response).Concat(spec.Offset is null ? [] : [spec.Offset]).ToArray();
        ForEachScope(analysis, "glm", variables, scoped => Glm(scoped, scoped.Map(spec)));
    }

    private void Glm(ScopedAnalysis analysis, GlmSpec spec)
    {
        const string kind = "glm";
        string method = GlmText.Method(spec);
        string specification = GlmText.Specification(spec);
        (ModelFactors? factors, string? problem) = ModelFactors.Build(spec.Terms, spec.References, analysis.Cohort);
        (double[]? y, int invalid) = GlmResponse(spec);
        double[]? offset = spec.Offset switch
        {
            null => null,
            ContinuousVariable c => c.ValueArray,
            CountVariable c => c.ValueArray,
            _ => null,
        };
        if (factors is null || y is null || spec.Offset is not null && offset is null)
        {
            problem ??= y is null
                ? $"'{spec.Response.Name}' is a {spec.Response.KindName} variable; the response of a {GlmText.Name(spec.Family)} model must be {(spec.Family == GlmModelFamily.Logistic ? "binary (a bool)" : "a count")}"
                : $"the offset '{spec.Offset!.Name}' is a {spec.Offset.KindName} variable; an offset must be numeric";
            Record(analysis, kind, ResultStatus.Failed, method, problem, specification, new[] { StatisticsWarnings.Warning(StatisticsWarnings.TestDoesNotFit, problem) });
            return;
        }

        if (InEngineMode)
        {
            EngineGlm(analysis, spec, factors, method, specification);
            return;
        }

        var warnings = new List<WarningResult>(NotFiniteWarnings(factors.Sources.Prepend(spec.Response).Append(spec.Offset)));
        int offsetMissing = 0;
        if (offset is not null)
        {
            for (int i = 0; i < y.Length; i++)
            {
                if (!double.IsFinite(offset[i]) && !double.IsNaN(y[i]))
                {
                    offsetMissing++;
                    y[i] = double.NaN;
                }
            }
        }

        ModelMatrix matrix = ModelMatrix.Build(factors.Variables, factors.Terms, y);
        if (matrix.Excluded > 0)
        {
            string invalidPart = invalid > 0 ? $" ({invalid} of them with a negative count)" : string.Empty;
            string offsetPart = offsetMissing > 0 ? $" ({offsetMissing} of them with a missing or non-finite offset)" : string.Empty;
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut, StatisticsWarnings.Invariant(
                $"{matrix.Excluded} subject(s) with a missing response, term or offset value left out of the {GlmText.Name(spec.Family)} model{invalidPart}{offsetPart}; {matrix.Rows} analysed")));
        }

        if (matrix.DroppedLevels.Count > 0)
        {
            warnings.Add(StatisticsWarnings.Info(StatisticsWarnings.LinearRowsLeftOut,
                "level(s) with no analysed subject dropped from the model, as R's glm: " + string.Join(", ", matrix.DroppedLevels)));
        }

        if (matrix.Rows == 0)
        {
            string reason = "no subject has a complete response and terms: there is nothing to fit";
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearTooFewRows, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        if (spec.Family == GlmModelFamily.Logistic && matrix.Response.All(v => v == matrix.Response[0]))
        {
            string reason = StatisticsWarnings.Invariant(
                $"every one of the {matrix.Rows} analysed subject(s) has '{spec.Response.Name}' = {(matrix.Response[0] == 1 ? "true" : "false")}: there is no variation to explain and the coefficients are infinite");
            warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.LinearResponseConstant, reason));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        double[]? rowOffset = offset is null ? null : matrix.RowIndex.Select(i => offset[i]).ToArray();
        var data = new GlmData(matrix.ColumnNames, matrix.Columns, matrix.Response, Offset: rowOffset);
        GlmFit fit = GeneralizedLinearModel.Fit(data, GlmText.Kernel(spec.Family));
        warnings.AddRange(fit.Warnings.Select(w => w.ToResult()));
        if (fit.Failed)
        {
            string reason = "the GLM could not be fitted: " + string.Join("; ", fit.Warnings.Select(w => w.Message));
            Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.NotEstimable, method, reason, specification, warnings));
            return;
        }

        var terms = fit.Coefficients.Select((k, j) => new GlmTermResult(k.Name, factors.Label(matrix, matrix.ColumnInfo[j]), k.Aliased ? "aliased" : ResultStatus.Ok,
            k.Estimate, k.StandardError, k.Statistic, k.PValue, k.WaldLow, k.WaldHigh, k.ProfileLow, k.ProfileHigh,
            k.ExpEstimate, k.ExpWaldLow, k.ExpWaldHigh, k.ExpProfileLow, k.ExpProfileHigh)).ToArray();
        var result = new GlmModelResult(GlmText.FamilyName(spec.Family), spec.Response.Name, spec.Offset?.Name, fit.Observations, matrix.Excluded,
            spec.Family == GlmModelFamily.Logistic ? "odds_ratio" : "rate_ratio", fit.Rank, terms, fit.Deviance, fit.ResidualDf, fit.NullDeviance, fit.NullDf,
            fit.Aic, fit.LogLikelihood, fit.Dispersion, fit.Theta, fit.Iterations, fit.Converged)
        {
            Means = GlmMeans(fit, matrix, spec, warnings),
        };
        Record(analysis, new AnalysisResult(0, analysis.Id, kind, analysis.Source, ResultStatus.Ok, method, null, specification, warnings, Glm: result));
    }

    /// <summary>The response as the kernel takes it (NaN = missing), and how many values were invalid (a negative count); null when of the wrong kind.</summary>
    private static (double[]? Response, int Invalid) GlmResponse(GlmSpec spec)
    {
        if (spec.Family == GlmModelFamily.Logistic)
        {
            return spec.Response is BinaryVariable b
                ? (b.CodeArray.Select(c => c < 0 ? double.NaN : c).ToArray(), 0)
                : (null, 0);
        }

        double[]? values = spec.Response switch
        {
            CountVariable c => (double[])c.ValueArray.Clone(),
            ContinuousVariable c => (double[])c.ValueArray.Clone(),
            _ => null,
        };
        if (values is null)
        {
            return (null, 0);
        }

        int invalid = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < 0 || double.IsInfinity(values[i]))
            {
                invalid++;
                values[i] = double.NaN;
            }
        }

        return (values, invalid);
    }
}

/// <summary>The method line and specification of a GLM, as a reader and R user read them.</summary>
internal static class GlmText
{
    public static string Name(GlmModelFamily family) => family switch
    {
        GlmModelFamily.Logistic => "logistic",
        GlmModelFamily.NegativeBinomial => "negative binomial",
        GlmModelFamily.QuasiPoisson => "quasi-Poisson",
        _ => "Poisson",
    };

    public static string FamilyName(GlmModelFamily family) => family switch
    {
        GlmModelFamily.Logistic => "binomial",
        GlmModelFamily.NegativeBinomial => "negative_binomial",
        GlmModelFamily.QuasiPoisson => "quasipoisson",
        _ => "poisson",
    };

    public static GlmFamilyKind Kernel(GlmModelFamily family) => family switch
    {
        GlmModelFamily.Logistic => GlmFamilyKind.Binomial,
        GlmModelFamily.NegativeBinomial => GlmFamilyKind.NegativeBinomial,
        GlmModelFamily.QuasiPoisson => GlmFamilyKind.QuasiPoisson,
        _ => GlmFamilyKind.Poisson,
    };

    public static string Specification(GlmSpec spec)
    {
        IEnumerable<string> terms = spec.Terms.Select(t => string.Join(":", t.Factors.Select(f =>
            f.Kind == TermFactorKind.Group ? "group" : f.Kind == TermFactorKind.CovariateAsFactor ? $"factor({f.Name})" : f.Name)));
        string text = $"{spec.Response.Name} ~ {string.Join(" + ", terms.DefaultIfEmpty("1"))}";
        if (spec.Offset is not null)
        {
            text += $" + offset({spec.Offset.Name})";
        }

        if (spec.References.Count > 0)
        {
            text += "; reference " + string.Join(", ", spec.References.Select(r => $"{r.Factor} = {r.Level}"));
        }

        return text;
    }

    public static string Method(GlmSpec spec)
    {
        string call = spec.Family switch
        {
            GlmModelFamily.Logistic => "Logistic regression by IRLS, R glm(family = binomial) with treatment contrasts; odds ratios exp(coef)",
            GlmModelFamily.QuasiPoisson => "Quasi-Poisson regression by IRLS, R glm(family = quasipoisson) with treatment contrasts, dispersion from Pearson's chi-squared; t tests; rate ratios exp(coef)",
            GlmModelFamily.NegativeBinomial => "Negative binomial regression, R MASS::glm.nb() with treatment contrasts; rate ratios exp(coef)",
            _ => "Poisson regression by IRLS, R glm(family = poisson) with treatment contrasts; rate ratios exp(coef)",
        };
        return call + "; Wald 95% CIs as confint.default(fit) and profile-likelihood 95% CIs as confint(fit)";
    }
}
