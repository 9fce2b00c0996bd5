using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Pearson's chi-squared test of independence in a contingency table.</summary>
public static class ChiSquare
{
    /// <summary>R's warning when an expected count is below 5 (the runtime reports it as its own PL5095).</summary>
    public const string SmallExpectedWarning = "Chi-squared approximation may be incorrect: an expected count is below 5";

    /// <summary>Below this expected count R warns that the chi-squared approximation may be incorrect (Cochran 1954).</summary>
    public const double SmallExpectedCount = 5;

    /// <summary>
    /// Chi-squared test of independence of the rows and columns of <paramref name="table"/>
    /// (at least 2 x 2), with Yates' continuity correction for 2 x 2 tables when
    /// <paramref name="yates"/> is set. O(rows * columns).
    /// </summary>
    /// <remarks>
    /// Expected counts E_ij = (row total i)(column total j) / N; X^2 = sum((|O - E| - c)^2 / E)
    /// on (r - 1)(c - 1) df, where c = min(0.5, min |O - E|) for a 2 x 2 table with Yates'
    /// correction and 0 otherwise; p = P(chi-squared &gt; X^2) (Agresti 2002, Categorical Data
    /// Analysis, 2nd ed., section 3.2.1; Yates 1934). As R, a warning is added when an expected
    /// count is below 5. R: <c>chisq.test(table, correct = yates)</c>
    /// (src/library/stats/R/chisq.test.R).
    /// </remarks>
    public static TestResult Test(int[,] table, bool yates)
    {
        ArgumentNullException.ThrowIfNull(table);
        var warnings = new List<string>();
        int rows = table.GetLength(0), columns = table.GetLength(1);
        bool corrected = yates && rows == 2 && columns == 2;
        string method = corrected
            ? "Pearson's chi-squared test with Yates' continuity correction"
            : "Pearson's chi-squared test";
        if (!Contingency.TryMargins(table, "chi-squared test", warnings, out double[] rowTotals, out double[] columnTotals, out double n))
        {
            return TestResult.Undefined(method, "X-squared", warnings);
        }

        var expected = new double[rows, columns];
        double correction = corrected ? 0.5 : 0;
        bool small = false;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                expected[i, j] = rowTotals[i] * columnTotals[j] / n;
                small |= expected[i, j] < SmallExpectedCount;
                if (corrected)
                {
                    correction = Math.Min(correction, Math.Abs(table[i, j] - expected[i, j]));
                }
            }
        }

        double statistic = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double deviation = Math.Abs(table[i, j] - expected[i, j]) - correction;
                statistic += deviation * deviation / expected[i, j];
            }
        }

        if (small)
        {
            warnings.Add(SmallExpectedWarning);
        }

        double df = (rows - 1) * (columns - 1);
        double p = SpecialFunctions.GammaUpperRegularized(df / 2, statistic / 2);
        var expectedRows = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            expectedRows[i] = new double[columns];
            for (int j = 0; j < columns; j++)
            {
                expectedRows[i][j] = expected[i, j];
            }
        }

        return new TestResult(method, "X-squared", statistic, df, p, null, null, null, null, warnings) { Expected = expectedRows };
    }
}
