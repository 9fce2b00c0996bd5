using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>
/// R's <c>lm()</c> from its sufficient statistics (<see cref="LinearCrossProducts"/>) instead of the rows: what
/// <see cref="LinearModelFit"/> reports except what needs each row (residuals, leverages, robust SEs), and the ANOVA
/// tables of <see cref="LinearAnova"/>. This is how an engine fit is finished (<c>StudyRun.EngineLinear</c>).
/// </summary>
/// <remarks>
/// The same formulas as <see cref="LinearModelFit"/> (its remarks give them and their sources), from the Cholesky factor
/// of X̃ᵀX̃ (<see cref="CrossProductCholesky"/>) in place of the QR factor of X: b̃ = R⁻¹e over the accepted columns,
/// (X̃ᵀX̃)⁻¹ = R⁻¹R⁻ᵀ, RSS = ỹᵀỹ − ‖e‖², MSS = TSS − RSS (the model has an intercept), and back to the unshifted
/// columns with X = X̃·A⁻¹: the slopes are b̃'s, the intercept b̃_1 + c_y − Σc_j·b̃_j, and Var(b) = A·Var(b̃)·Aᵀ with
/// A's first row (1, −c_2, ..., −c_p). Type I sums of squares are the squared effects by term (signs do not matter),
/// type II the differences of RSS over sub-blocks of X̃ᵀX̃, type III the Wald sums of a sum-contrast fit (<see cref="TypeThree"/>).
/// Agreement with the QR path is to rounding (≈1e-12 relative on well-conditioned designs; the normal equations square
/// the condition number, so a nearly collinear design agrees less well — the shifts remove the worst case, a
/// large-mean covariate). O(p³) here, after the engine's O(n·p²) scan.
/// </remarks>
public sealed class LinearSumsFit
{
    public LinearSumsFit(ModelMatrix layout, LinearCrossProducts sums)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(sums);
        if (sums.Columns != layout.ColumnInfo.Count)
        {
            throw new ArgumentException($"The sums have {sums.Columns} columns where the model matrix has {layout.ColumnInfo.Count}.", nameof(sums));
        }

        Layout = layout;
        Sums = sums;
        int p = sums.Columns;
        Cholesky = CrossProductCholesky.Decompose(sums, Enumerable.Range(0, p).ToArray());
        N = sums.N;
        Rank = Cholesky.Rank;
        DegreesOfFreedom = N - Rank;
        ResidualSumOfSquares = Cholesky.ResidualSumOfSquares;
        double sumY = sums.Sums[0, p];
        double total = sums.Sums[p, p] - (N == 0 ? 0 : sumY * sumY / N);
        ModelSumOfSquares = Math.Max(total - ResidualSumOfSquares, 0);
        Sigma = DegreesOfFreedom > 0 ? Math.Sqrt(ResidualSumOfSquares / DegreesOfFreedom) : double.NaN;
        RSquared = ModelSumOfSquares / (ModelSumOfSquares + ResidualSumOfSquares);
        AdjustedRSquared = DegreesOfFreedom > 0 ? 1 - ((1 - RSquared) * (N - 1) / DegreesOfFreedom) : double.NaN;
        FDf1 = Rank - 1;
        FStatistic = FDf1 > 0 && DegreesOfFreedom > 0 ? ModelSumOfSquares / FDf1 / (Sigma * Sigma) : double.NaN;
        FPValue = LinearModelFit.UpperF(FStatistic, FDf1, DegreesOfFreedom);
        LogLikelihood = 0.5 * -N * (Math.Log(2 * Math.PI) + 1 - Math.Log(N) + Math.Log(ResidualSumOfSquares));
        Aic = (-2 * LogLikelihood) + (2 * (Rank + 1));
        Bic = (-2 * LogLikelihood) + (Math.Log(N) * (Rank + 1));
        (Estimates, Unscaled) = Unshift();
        Coefficients = Build();
    }

    public ModelMatrix Layout { get; }

    public LinearCrossProducts Sums { get; }

    internal CrossProductCholesky Cholesky { get; }

    /// <summary>The estimates of the accepted columns (pivot order), on the unshifted columns.</summary>
    internal double[] Estimates { get; }

    /// <summary>(XᵀX)⁻¹ of the accepted columns (pivot order), on the unshifted columns.</summary>
    internal double[,] Unscaled { get; }

    public IReadOnlyList<LinearCoefficient> Coefficients { get; }

    public IReadOnlyList<int> AliasedColumns => Cholesky.Aliased;

    public int N { get; }

    public int Rank { get; }

    public int DegreesOfFreedom { get; }

    public double ResidualSumOfSquares { get; }

    public double ModelSumOfSquares { get; }

    public double Sigma { get; }

    public double RSquared { get; }

    public double AdjustedRSquared { get; }

    public double FStatistic { get; }

    public int FDf1 { get; }

    public double FPValue { get; }

    public double LogLikelihood { get; }

    public double Aic { get; }

    public double Bic { get; }

    /// <summary>R's <c>anova(fit)</c>: each term's squared effects, in formula order.</summary>
    public AnovaTable Sequential()
    {
        var rows = new List<AnovaRow>();
        for (int t = 0; t < Layout.TermNames.Count; t++)
        {
            int df = 0;
            double ss = 0;
            for (int k = 0; k < Rank; k++)
            {
                if (Layout.ColumnInfo[Cholesky.Pivot[k]].Term == t)
                {
                    df++;
                    ss += Cholesky.Effects[k] * Cholesky.Effects[k];
                }
            }

            if (df > 0)
            {
                rows.Add(Row(Layout.TermNames[t], df, ss));
            }
        }

        return new AnovaTable(AnovaType.I, rows.Append(Residual()).ToArray());
    }

    /// <summary><c>car::Anova(fit, type = 2)</c> from sub-blocks of the sums; null when a column is aliased.</summary>
    public AnovaTable? TypeTwo()
    {
        if (AliasedColumns.Count > 0)
        {
            return null;
        }

        ModelMatrix m = Layout;
        var rows = new List<AnovaRow>();
        for (int t = 0; t < m.TermNames.Count; t++)
        {
            int term = t;
            bool[] containing = Enumerable.Range(0, m.TermNames.Count).Select(o => m.Contains(o, term)).ToArray();
            int[] without = Enumerable.Range(0, m.ColumnInfo.Count)
                .Where(c => m.ColumnInfo[c].Term < 0 || (!containing[m.ColumnInfo[c].Term] && m.ColumnInfo[c].Term != term)).ToArray();
            int[] with = Enumerable.Range(0, m.ColumnInfo.Count)
                .Where(c => m.ColumnInfo[c].Term < 0 || !containing[m.ColumnInfo[c].Term]).ToArray();
            var reduced = CrossProductCholesky.Decompose(Sums, without);
            var full = CrossProductCholesky.Decompose(Sums, with);
            rows.Add(Row(m.TermNames[t], full.Rank - reduced.Rank, reduced.ResidualSumOfSquares - full.ResidualSumOfSquares));
        }

        return new AnovaTable(AnovaType.II, rows.Append(Residual()).ToArray());
    }

    /// <summary>
    /// <c>car::Anova(fit, type = 3)</c>: the Wald sums of squares of each term's coefficients (the intercept first) in
    /// <paramref name="sumContrastFit"/>, the same model under sum-to-zero contrasts, over this fit's residual mean square
    /// (the two fits span the same columns); null when a column is aliased.
    /// </summary>
    public AnovaTable? TypeThree(LinearSumsFit sumContrastFit)
    {
        ArgumentNullException.ThrowIfNull(sumContrastFit);
        LinearSumsFit fit = sumContrastFit;
        if (fit.AliasedColumns.Count > 0)
        {
            return null;
        }

        ModelMatrix m = fit.Layout;
        var rows = new List<AnovaRow>();
        for (int t = -1; t < m.TermNames.Count; t++)
        {
            int[] columns = Enumerable.Range(0, m.ColumnInfo.Count).Where(c => m.ColumnInfo[c].Term == t).ToArray();
            var b = Vector<double>.Build.Dense(columns.Select(c => fit.Estimates[c]).ToArray());
            var v = Matrix<double>.Build.Dense(columns.Length, columns.Length, (i, j) => fit.Unscaled[columns[i], columns[j]]);
            double ss = b.DotProduct(v.Solve(b));
            rows.Add(fit.Row(t < 0 ? "(Intercept)" : m.TermNames[t], columns.Length, ss));
        }

        return new AnovaTable(AnovaType.III, rows.Append(fit.Residual()).ToArray());
    }

    /// <summary>b̃ and (X̃ᵀX̃)⁻¹ taken back to the unshifted columns (see the remarks).</summary>
    private (double[] Estimates, double[,] Unscaled) Unshift()
    {
        int k = Rank;
        double[,] rInverse = Cholesky.Inverse();
        var b = new double[k];
        for (int a = 0; a < k; a++)
        {
            double s = 0;
            for (int m = a; m < k; m++)
            {
                s += rInverse[a, m] * Cholesky.Effects[m];
            }

            b[a] = s;
        }

        var shifted = new double[k, k];
        for (int a = 0; a < k; a++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int m = Math.Max(a, c); m < k; m++)
                {
                    s += rInverse[a, m] * rInverse[c, m];
                }

                shifted[a, c] = s;
            }
        }

        if (k == 0 || Cholesky.Pivot[0] != 0)
        {
            return (b, shifted);
        }

        // A's first row: (1, −c_j of each accepted column after the intercept).
        var row = new double[k];
        row[0] = 1;
        for (int a = 1; a < k; a++)
        {
            row[a] = -Sums.Shifts[Cholesky.Pivot[a]];
        }

        var estimates = (double[])b.Clone();
        estimates[0] = Sums.ResponseShift;
        for (int a = 0; a < k; a++)
        {
            estimates[0] += row[a] * b[a];
        }

        var unscaled = (double[,])shifted.Clone();
        var firstRow = new double[k];
        for (int c = 0; c < k; c++)
        {
            for (int a = 0; a < k; a++)
            {
                firstRow[c] += row[a] * shifted[a, c];
            }
        }

        double corner = 0;
        for (int c = 0; c < k; c++)
        {
            corner += firstRow[c] * row[c];
        }

        for (int c = 1; c < k; c++)
        {
            unscaled[0, c] = unscaled[c, 0] = firstRow[c];
        }

        unscaled[0, 0] = corner;
        return (estimates, unscaled);
    }

    private LinearCoefficient[] Build()
    {
        var result = new LinearCoefficient[Layout.ColumnInfo.Count];
        double quantile = DegreesOfFreedom > 0 ? StudentT.InvCDF(0, 1, DegreesOfFreedom, 0.975) : double.NaN;
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new LinearCoefficient(Layout.ColumnInfo[j].Name, j, true, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double scale = Sigma * Sigma;
        for (int k = 0; k < Rank; k++)
        {
            int j = Cholesky.Pivot[k];
            double b = Estimates[k];
            double se = DegreesOfFreedom > 0 ? Math.Sqrt(Unscaled[k, k] * scale) : double.NaN;
            double t = b / se;
            double p = DegreesOfFreedom > 0 && !double.IsNaN(t)
                ? SpecialFunctions.BetaRegularized(DegreesOfFreedom / 2.0, 0.5, DegreesOfFreedom / (DegreesOfFreedom + (t * t)))
                : double.NaN;
            result[j] = new LinearCoefficient(Layout.ColumnInfo[j].Name, j, false, b, se, t, p, b - (quantile * se), b + (quantile * se));
        }

        return result;
    }

    private AnovaRow Row(string term, int df, double ss)
    {
        double ms = ss / df;
        double residualMs = ResidualSumOfSquares / DegreesOfFreedom;
        double f = DegreesOfFreedom > 0 ? ms / residualMs : double.NaN;
        return new AnovaRow(term, df, ss, ms, f, LinearModelFit.UpperF(f, df, DegreesOfFreedom));
    }

    private AnovaRow Residual() =>
        new("Residuals", DegreesOfFreedom, ResidualSumOfSquares, ResidualSumOfSquares / DegreesOfFreedom, double.NaN, double.NaN);
}
