using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using ProtocolLang.Runtime.Statistics.Models;

namespace ProtocolLang.Runtime.Statistics.Linear;

/// <summary>One coefficient of a linear model, as a row of <c>summary(lm(...))$coefficients</c> with <c>confint</c>; NaN for an aliased column (R's NA).</summary>
/// <param name="Term">R's column name (<c>suppVC:factor(dose)2</c>).</param>
/// <param name="Column">The column's index in the model matrix.</param>
public sealed record LinearCoefficient(string Term, int Column, bool Aliased, double Estimate, double StandardError, double T, double PValue,
    double Low, double High);

/// <summary>The heteroscedasticity-consistent covariance estimators of <c>sandwich::vcovHC</c>.</summary>
public enum RobustType
{
    /// <summary>White's estimator: ω_i = e_i².</summary>
    HC0,

    /// <summary>ω_i = e_i² · n / (n − p).</summary>
    HC1,

    /// <summary>ω_i = e_i² / (1 − h_i).</summary>
    HC2,

    /// <summary>ω_i = e_i² / (1 − h_i)² (sandwich's default).</summary>
    HC3,
}

/// <summary>
/// Ordinary least squares, as R's <c>lm()</c>: the fit of <c>y = Xb + e</c> by Householder QR with R's aliasing rule
/// (<see cref="HouseholderQr"/>), and what <c>summary(lm)</c>, <c>confint</c>, <c>AIC</c>/<c>BIC</c> and
/// <c>sandwich::vcovHC</c> report.
/// </summary>
/// <remarks>
/// b = R⁻¹Q'y over the non-aliased columns; residual variance s² = RSS / (n − rank); Var(b) = s²(X'X)⁻¹ = s²R⁻¹R⁻ᵀ.
/// t = b / SE on n − rank df, CI b ± t(0.975, df)·SE (R's <c>confint.lm</c>). R² = MSS / (MSS + RSS) with MSS the sum of
/// squares of the fitted values about their mean; adjusted R² = 1 − (1 − R²)(n − 1)/(n − rank); the overall F is
/// (MSS / (rank − 1)) / s² (R's <c>summary.lm</c>). The log-likelihood is R's <c>logLik.lm</c>:
/// −n/2 (log 2π + 1 − log n + log RSS), with rank + 1 parameters for AIC and BIC.
/// Robust covariance (White 1980, <i>Econometrica</i> 48:817; MacKinnon &amp; White 1985, <i>J. Econometrics</i> 29:305;
/// as documented for <c>sandwich::vcovHC</c>, Zeileis 2004, <i>J. Stat. Softw.</i> 11(10)): (X'X)⁻¹ X'ΩX (X'X)⁻¹ with
/// Ω = diag(ω_i) of <see cref="RobustType"/>; tests then stay on n − rank df, as <c>lmtest::coeftest(fit, vcov = )</c>.
/// O(n·p²).
/// </remarks>
public sealed class LinearModelFit
{
    internal LinearModelFit(ModelMatrix matrix, HouseholderQr qr, double[] coefficients, double[] effects, double[] residuals)
    {
        Matrix = matrix;
        Qr = qr;
        Effects = effects;
        Residuals = residuals;
        N = matrix.Rows;
        Rank = qr.Rank;
        DegreesOfFreedom = N - Rank;
        Estimates = coefficients;
        ResidualSumOfSquares = residuals.Sum(e => e * e);
        double[] y = matrix.Response;
        double mean = y.Length == 0 ? double.NaN : y.Average();
        double mss = 0;
        for (int i = 0; i < N; i++)
        {
            double fitted = y[i] - residuals[i];
            mss += (fitted - mean) * (fitted - mean);
        }

        ModelSumOfSquares = mss;
        Sigma = DegreesOfFreedom > 0 ? Math.Sqrt(ResidualSumOfSquares / DegreesOfFreedom) : double.NaN;
        RSquared = mss / (mss + ResidualSumOfSquares);
        AdjustedRSquared = DegreesOfFreedom > 0 ? 1 - ((1 - RSquared) * (N - 1) / DegreesOfFreedom) : double.NaN;
        FDf1 = Rank - 1;
        FStatistic = FDf1 > 0 && DegreesOfFreedom > 0 ? mss / FDf1 / (Sigma * Sigma) : double.NaN;
        FPValue = UpperF(FStatistic, FDf1, DegreesOfFreedom);
        LogLikelihood = 0.5 * -N * (Math.Log(2 * Math.PI) + 1 - Math.Log(N) + Math.Log(ResidualSumOfSquares));
        Aic = (-2 * LogLikelihood) + (2 * (Rank + 1));
        Bic = (-2 * LogLikelihood) + (Math.Log(N) * (Rank + 1));
        Unscaled = qr.UnscaledCovariance();
        Coefficients = Build(Unscaled, Sigma * Sigma);
    }

    public ModelMatrix Matrix { get; }

    internal HouseholderQr Qr { get; }

    /// <summary>Q'y: the first <see cref="Rank"/> are the effects of the accepted columns in order (R's <c>fit$effects</c>).</summary>
    internal double[] Effects { get; }

    public double[] Residuals { get; }

    /// <summary>The estimates of the accepted columns, in <see cref="HouseholderQr.Pivot"/> order.</summary>
    internal double[] Estimates { get; }

    /// <summary>(X'X)⁻¹ over the accepted columns, in pivot order.</summary>
    internal double[,] Unscaled { get; }

    public IReadOnlyList<LinearCoefficient> Coefficients { get; }

    public int N { get; }

    public int Rank { get; }

    /// <summary>Residual degrees of freedom, n − rank.</summary>
    public int DegreesOfFreedom { get; }

    public double ResidualSumOfSquares { get; }

    public double ModelSumOfSquares { get; }

    /// <summary>Residual standard error (R's <c>sigma</c>).</summary>
    public double Sigma { get; }

    public double RSquared { get; }

    public double AdjustedRSquared { get; }

    public double FStatistic { get; }

    public int FDf1 { get; }

    public double FPValue { get; }

    public double LogLikelihood { get; }

    public double Aic { get; }

    public double Bic { get; }

    /// <summary>The indices (into the model matrix's columns) of the aliased columns.</summary>
    public IReadOnlyList<int> AliasedColumns => Qr.Aliased;

    /// <summary>The coefficients with SEs from <c>sandwich::vcovHC(fit, type = )</c>; t, p and CI on the residual df.</summary>
    public IReadOnlyList<LinearCoefficient> Robust(RobustType type)
    {
        int p = Rank;
        double[][] x = Qr.Pivot.Select(c => Matrix.Columns[c]).ToArray();
        double[] hat = Hat();
        var meat = new double[p, p];
        for (int i = 0; i < N; i++)
        {
            double e2 = Residuals[i] * Residuals[i];
            double omega = type switch
            {
                RobustType.HC0 => e2,
                RobustType.HC1 => e2 * N / DegreesOfFreedom,
                RobustType.HC2 => e2 / (1 - hat[i]),
                _ => e2 / ((1 - hat[i]) * (1 - hat[i])),
            };
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    meat[a, b] += omega * x[a][i] * x[b][i];
                }
            }
        }

        var sandwich = Multiply(Multiply(Unscaled, meat), Unscaled);
        return Build(sandwich, 1);
    }

    /// <summary>Leverages h_i = x_i'(X'X)⁻¹x_i (R's <c>hatvalues</c>).</summary>
    public double[] Hat()
    {
        int p = Rank;
        double[][] x = Qr.Pivot.Select(c => Matrix.Columns[c]).ToArray();
        var h = new double[N];
        for (int i = 0; i < N; i++)
        {
            double s = 0;
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    s += x[a][i] * Unscaled[a, b] * x[b][i];
                }
            }

            h[i] = s;
        }

        return h;
    }

    internal static double UpperF(double f, double df1, double df2) =>
        double.IsNaN(f) || df1 <= 0 || df2 <= 0 ? double.NaN : SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2, df2 / (df2 + (df1 * f)));

    private LinearCoefficient[] Build(double[,] covariance, double scale)
    {
        var result = new LinearCoefficient[Matrix.Columns.Count];
        double quantile = DegreesOfFreedom > 0 ? StudentT.InvCDF(0, 1, DegreesOfFreedom, 0.975) : double.NaN;
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = new LinearCoefficient(Matrix.ColumnInfo[j].Name, j, true, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        for (int k = 0; k < Rank; k++)
        {
            int j = Qr.Pivot[k];
            double b = Estimates[k];
            double se = DegreesOfFreedom > 0 ? Math.Sqrt(covariance[k, k] * scale) : double.NaN;
            double t = b / se;
            double p = DegreesOfFreedom > 0 && !double.IsNaN(t)
                ? SpecialFunctions.BetaRegularized(DegreesOfFreedom / 2.0, 0.5, DegreesOfFreedom / (DegreesOfFreedom + (t * t)))
                : double.NaN;
            result[j] = new LinearCoefficient(Matrix.ColumnInfo[j].Name, j, false, b, se, t, p, b - (quantile * se), b + (quantile * se));
        }

        return result;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[i, k] * b[k, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }
}

/// <summary>Fits <see cref="LinearModelFit"/>s.</summary>
public static class LinearModel
{
    /// <summary>R's <c>lm(y ~ X)</c> on a model matrix built with its response; columns aliased within 1e-7 (R's tol) get NA.</summary>
    public static LinearModelFit Fit(ModelMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Response.Length != matrix.Rows)
        {
            throw new ArgumentException("The model matrix was built without a response.", nameof(matrix));
        }

        HouseholderQr qr = HouseholderQr.Decompose(matrix.Columns, matrix.Rows);
        double[] effects = (double[])matrix.Response.Clone();
        qr.ApplyTransposed(effects);
        double[] b = qr.SolveUpper(effects);
        var residuals = new double[matrix.Rows];
        for (int i = 0; i < matrix.Rows; i++)
        {
            double fitted = 0;
            for (int k = 0; k < b.Length; k++)
            {
                fitted += matrix.Columns[qr.Pivot[k]][i] * b[k];
            }

            residuals[i] = matrix.Response[i] - fitted;
        }

        return new LinearModelFit(matrix, qr, b, effects, residuals);
    }

    /// <summary>The residual sum of squares of y on a subset of the matrix's columns (for type II comparisons), with its rank.</summary>
    internal static (double Rss, int Rank) ResidualSumOfSquares(ModelMatrix matrix, IReadOnlyList<int> columns)
    {
        double[][] x = columns.Select(c => matrix.Columns[c]).ToArray();
        HouseholderQr qr = HouseholderQr.Decompose(x, matrix.Rows);
        double[] effects = (double[])matrix.Response.Clone();
        qr.ApplyTransposed(effects);
        double rss = 0;
        for (int i = qr.Rank; i < effects.Length; i++)
        {
            rss += effects[i] * effects[i];
        }

        return (rss, qr.Rank);
    }
}
