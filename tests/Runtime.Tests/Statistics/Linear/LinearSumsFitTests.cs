using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Linear;

/// <summary>
/// The fit from cross-products (<see cref="LinearSumsFit"/>, how an engine fit is finished) against the QR fit
/// (<see cref="LinearModelFit"/>) on every R fixture of linear_models (R's own numbers are LinearModelReferenceTests'):
/// 1e-9 relative on every reported number and ANOVA row, the same aliased columns. A covariate of mean 10^6 and SD 3
/// checks the shifts: without them its cross-products would cost ~11 of the 16 digits (its interaction with a factor is
/// not centred by a constant shift: see <see cref="LinearCrossProducts"/>).
/// </summary>
public sealed class LinearSumsFitTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases => Reference.ReferenceFixture.CaseNamesOf("linear_models");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFitFromCrossProductsEqualsTheQrFit(string name)
    {
        ModelMatrix matrix = LinearModelReferenceTests.Matrix(name, ModelContrasts.Treatment);
        ModelMatrix sumMatrix = LinearModelReferenceTests.Matrix(name, ModelContrasts.Sum);

        AssertSame(matrix, sumMatrix);
    }

    [Fact]
    public void ACovariateWithALargeMeanLosesNoDigitsToTheCrossProducts()
    {
        var random = new Random(20261208);
        int n = 500;
        double[] year = Enumerable.Range(0, n).Select(_ => 1.0e6 + (10 * random.NextDouble())).ToArray();
        int[] arm = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        double[] y = year.Select((x, i) => (0.3 * (x - 1.0e6)) + arm[i] + random.NextDouble()).ToArray();
        ModelVariable[] variables = [ModelVariable.Numeric("year", year), ModelVariable.Factor("arm", arm, ["a", "b", "c"])];

        AssertSame(ModelMatrix.Build(variables, [[0], [1]], y), ModelMatrix.Build(variables, [[0], [1]], y, ModelContrasts.Sum));
    }

    private static void AssertSame(ModelMatrix matrix, ModelMatrix sumMatrix)
    {
        LinearModelFit qr = LinearModel.Fit(matrix);
        var sums = new LinearSumsFit(matrix, LinearCrossProducts.FromColumns(matrix.Columns, matrix.Response));

        Assert.Equal(qr.AliasedColumns, sums.AliasedColumns);
        Assert.Equal(qr.Rank, sums.Rank);
        Assert.Equal(qr.DegreesOfFreedom, sums.DegreesOfFreedom);
        for (int j = 0; j < qr.Coefficients.Count; j++)
        {
            LinearCoefficient e = qr.Coefficients[j], a = sums.Coefficients[j];
            Assert.Equal(e.Aliased, a.Aliased);
            Close(e.Estimate, a.Estimate, "estimate " + e.Term);
            Close(e.StandardError, a.StandardError, "SE " + e.Term);
            Close(e.T, a.T, "t " + e.Term);
            CloseP(e.PValue, a.PValue, "p " + e.Term);
            Close(e.Low, a.Low, "low " + e.Term);
            Close(e.High, a.High, "high " + e.Term);
        }

        Close(qr.ResidualSumOfSquares, sums.ResidualSumOfSquares, "RSS");
        Close(qr.Sigma, sums.Sigma, "sigma");
        Close(qr.RSquared, sums.RSquared, "R²");
        Close(qr.AdjustedRSquared, sums.AdjustedRSquared, "adjusted R²");
        Close(qr.FStatistic, sums.FStatistic, "F");
        CloseP(qr.FPValue, sums.FPValue, "F p");
        Close(qr.LogLikelihood, sums.LogLikelihood, "logLik");
        Close(qr.Aic, sums.Aic, "AIC");
        Close(qr.Bic, sums.Bic, "BIC");
        AssertTable(LinearAnova.Sequential(qr), sums.Sequential());
        AssertTable(LinearAnova.TypeTwo(qr), sums.TypeTwo());
        LinearModelFit qrSum = LinearModel.Fit(sumMatrix);
        var sumsSum = new LinearSumsFit(sumMatrix, LinearCrossProducts.FromColumns(sumMatrix.Columns, sumMatrix.Response));
        AssertTable(LinearAnova.TypeThree(qrSum), sums.AliasedColumns.Count > 0 ? null : sums.TypeThree(sumsSum));
    }

    private static void AssertTable(AnovaTable? expected, AnovaTable? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null)
        {
            return;
        }

        Assert.Equal(expected.Rows.Select(r => (r.Term, r.DegreesOfFreedom)), actual!.Rows.Select(r => (r.Term, r.DegreesOfFreedom)));
        for (int i = 0; i < expected.Rows.Count; i++)
        {
            Close(expected.Rows[i].SumOfSquares, actual.Rows[i].SumOfSquares, "SS " + expected.Rows[i].Term);
            Close(expected.Rows[i].F, actual.Rows[i].F, "F " + expected.Rows[i].Term);
            CloseP(expected.Rows[i].PValue, actual.Rows[i].PValue, "p " + expected.Rows[i].Term);
        }
    }

    /// <summary>A p-value below 1e-10 on the log scale: its relative error is t² times t's, so 1e-9 of a tiny p asks for more digits than t has.</summary>
    private static void CloseP(double expected, double actual, string what)
    {
        if (expected > 0 && expected < 1e-10)
        {
            Close(Math.Log(expected), Math.Log(actual), what + " (log)");
            return;
        }

        Close(expected, actual, what);
    }

    private static void Close(double expected, double actual, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), what + ": NaN expected, " + actual + " found");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(Math.Abs(expected), 1e-300) || Math.Abs(expected - actual) <= 1e-300,
            $"{what}: {expected:R} expected, {actual:R} found ({Math.Abs(expected - actual) / Math.Abs(expected):E2} relative)");
    }
}
