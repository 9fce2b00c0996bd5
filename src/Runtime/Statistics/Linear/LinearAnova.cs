using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>Which sums of squares an ANOVA table holds.</summary>
public enum AnovaType
{
    /// <summary>Sequential, R's <c>anova(fit)</c>.</summary>
    I = 1,

    /// <summary>Each term after every term that does not contain it, <c>car::Anova(fit, type = 2)</c>.</summary>
    II = 2,

    /// <summary>Each term after all others, under sum-to-zero contrasts, <c>car::Anova(fit, type = 3)</c>.</summary>
    III = 3,
}

/// <summary>One row of an ANOVA table; the residual row has NaN F and p.</summary>
public sealed record AnovaRow(string Term, int DegreesOfFreedom, double SumOfSquares, double MeanSquare, double F, double PValue);

/// <summary>An ANOVA table: a row per term (type III starts with the intercept), then "Residuals".</summary>
public sealed record AnovaTable(AnovaType Type, IReadOnlyList<AnovaRow> Rows);

/// <summary>
/// ANOVA tables of a linear model. Every F is the term's mean square over the full model's residual mean square, on
/// (term df, n − rank) df.
/// </summary>
/// <remarks>
/// Type I (R's <c>anova.lm</c>): a term's sum of squares is the sum of the squared QR effects of its non-aliased columns,
/// in formula order (Chambers &amp; Hastie 1992, <i>Statistical Models in S</i>, section 4.2.3).
/// Type II (Fox &amp; Weisberg 2019, <i>An R Companion to Applied Regression</i>, 3rd ed., section 5.3.4, as
/// <c>car::Anova(type = 2)</c>): RSS(model without the term and every term containing it) − RSS(model without the terms
/// containing it); its df is the difference in rank.
/// Type III (same source, <c>car::Anova(type = 3)</c>): the Wald sum of squares b_T'[(X'X)⁻¹_TT]⁻¹b_T of each term's
/// coefficients (the intercept included) in the model fitted with sum-to-zero contrasts; under treatment contrasts the
/// main-effect rows would test simple effects at the reference levels instead.
/// Types II and III need every column estimable: with an aliased column they are not computed (the caller says so),
/// as <c>car::Anova</c> refuses such models.
/// </remarks>
public static class LinearAnova
{
    public static AnovaTable Sequential(LinearModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ModelMatrix m = fit.Matrix;
        var rows = new List<AnovaRow>();
        for (int t = 0; t < m.TermNames.Count; t++)
        {
            int df = 0;
            double ss = 0;
            for (int k = 0; k < fit.Rank; k++)
            {
                if (m.ColumnInfo[fit.Qr.Pivot[k]].Term == t)
                {
                    df++;
                    ss += fit.Effects[k] * fit.Effects[k];
                }
            }

            if (df > 0)
            {
                rows.Add(Row(m.TermNames[t], df, ss, fit));
            }
        }

        return new AnovaTable(AnovaType.I, rows.Append(Residual(fit)).ToArray());
    }

    /// <summary>Type II; null when a column is aliased.</summary>
    public static AnovaTable? TypeTwo(LinearModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.AliasedColumns.Count > 0)
        {
            return null;
        }

        ModelMatrix m = fit.Matrix;
        var rows = new List<AnovaRow>();
        for (int t = 0; t < m.TermNames.Count; t++)
        {
            int term = t;
            bool[] containing = Enumerable.Range(0, m.TermNames.Count).Select(o => m.Contains(o, term)).ToArray();
            int[] without = Enumerable.Range(0, m.Columns.Count)
                .Where(c => m.ColumnInfo[c].Term < 0 || (!containing[m.ColumnInfo[c].Term] && m.ColumnInfo[c].Term != term)).ToArray();
            int[] with = Enumerable.Range(0, m.Columns.Count)
                .Where(c => m.ColumnInfo[c].Term < 0 || !containing[m.ColumnInfo[c].Term]).ToArray();
            var (rssWithout, rankWithout) = LinearModel.ResidualSumOfSquares(m, without);
            var (rssWith, rankWith) = LinearModel.ResidualSumOfSquares(m, with);
            rows.Add(Row(m.TermNames[t], rankWith - rankWithout, rssWithout - rssWith, fit));
        }

        return new AnovaTable(AnovaType.II, rows.Append(Residual(fit)).ToArray());
    }

    /// <summary>Type III from a fit whose matrix was built with <see cref="ModelContrasts.Sum"/>; null when a column is aliased.</summary>
    public static AnovaTable? TypeThree(LinearModelFit sumContrastFit)
    {
        ArgumentNullException.ThrowIfNull(sumContrastFit);
        LinearModelFit fit = sumContrastFit;
        if (fit.AliasedColumns.Count > 0)
        {
            return null;
        }

        ModelMatrix m = fit.Matrix;
        var rows = new List<AnovaRow>();
        for (int t = -1; t < m.TermNames.Count; t++)
        {
            // With no aliased column the pivot is the identity: column j is position j.
            int[] columns = Enumerable.Range(0, m.Columns.Count).Where(c => m.ColumnInfo[c].Term == t).ToArray();
            var b = Vector<double>.Build.Dense(columns.Select(c => fit.Estimates[c]).ToArray());
            var v = Matrix<double>.Build.Dense(columns.Length, columns.Length, (i, j) => fit.Unscaled[columns[i], columns[j]]);
            double ss = b.DotProduct(v.Solve(b));
            rows.Add(Row(t < 0 ? "(Intercept)" : m.TermNames[t], columns.Length, ss, fit));
        }

        return new AnovaTable(AnovaType.III, rows.Append(Residual(fit)).ToArray());
    }

    private static AnovaRow Row(string term, int df, double ss, LinearModelFit fit)
    {
        double ms = ss / df;
        double residualMs = fit.ResidualSumOfSquares / fit.DegreesOfFreedom;
        double f = fit.DegreesOfFreedom > 0 ? ms / residualMs : double.NaN;
        return new AnovaRow(term, df, ss, ms, f, LinearModelFit.UpperF(f, df, fit.DegreesOfFreedom));
    }

    private static AnovaRow Residual(LinearModelFit fit) =>
        new("Residuals", fit.DegreesOfFreedom, fit.ResidualSumOfSquares, fit.ResidualSumOfSquares / fit.DegreesOfFreedom, double.NaN, double.NaN);
}
