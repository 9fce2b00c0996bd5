using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Plan;

/// <summary>What the in-memory and the engine Cox paths report alike from a fit: its term rows and its warnings.</summary>
public sealed partial class StudyRun
{
    /// <summary>
    /// One row per design column (a coefficient the likelihood could not bound is "possibly_infinite", without SE, p
    /// and CI, and warned about; an aliased one is "aliased"), and the fit's own warnings but the convergence note.
    /// </summary>
    private static List<CoxTermResult> CoxTerms(CoxFit fit, IReadOnlyList<CoxDesignColumn> columns, Func<CoxDesignColumn, string> label, List<WarningResult> warnings)
    {
        var terms = new List<CoxTermResult>();
        for (int j = 0; j < fit.Coefficients.Count; j++)
        {
            CoxCoefficient k = fit.Coefficients[j];
            CoxDesignColumn column = columns[j];
            string name = label(column);
            if (k.PossiblyInfinite)
            {
                warnings.Add(StatisticsWarnings.Warning(StatisticsWarnings.CoxCoefficientMayBeInfinite,
                    $"'{name}': the likelihood converged before the coefficient did (monotone likelihood, e.g. a level with no events); the hazard ratio may be 0 or infinite and its SE, p and CI are not reported"));
            }

            terms.Add(k.PossiblyInfinite
                ? new CoxTermResult(k.Name, column.Covariate, name, column.Level, column.ReferenceLevel, "possibly_infinite",
                    k.Coefficient, k.HazardRatio, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
                : new CoxTermResult(k.Name, column.Covariate, name, column.Level, column.ReferenceLevel, k.Aliased ? "aliased" : ResultStatus.Ok,
                    k.Coefficient, k.HazardRatio, k.StandardError, k.Z, k.PValue, k.HazardRatioLow, k.HazardRatioHigh));
        }

        foreach (string w in fit.Warnings.Where(w => !w.StartsWith("Loglik converged", StringComparison.Ordinal)))
        {
            string code = w.StartsWith("Ran out", StringComparison.Ordinal) ? StatisticsWarnings.CoxNotConverged : StatisticsWarnings.CoxNotEstimable;
            warnings.Add(StatisticsWarnings.Warning(code, w));
        }

        return terms;
    }

    /// <summary>A model with a group term where fewer than two groups have analysed subjects with a time and an event.</summary>
    private static WarningResult GroupTermNotEstimable(IReadOnlyList<string> present) =>
        StatisticsWarnings.Warning(StatisticsWarnings.GroupTermNotEstimable, string.Create(CultureInfo.InvariantCulture,
            $"the model has a group term but {(present.Count == 0 ? "no group has" : $"only group '{present[0]}' has")} analysed subjects with a time and an event; the group effect is not estimable (its hazard ratios are NA) and the other terms are fitted without it"));
}
