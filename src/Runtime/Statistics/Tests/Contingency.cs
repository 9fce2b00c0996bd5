using System.Collections.Generic;
using System.Globalization;

namespace ProtocolLang.Runtime.Statistics;

/// <summary>Checks and margins of an r x c table of counts, shared by the table tests.</summary>
internal static class Contingency
{
    /// <summary>
    /// Row and column totals of <paramref name="table"/>; false (with a warning) when the table is
    /// smaller than 2 x 2, has a negative count, is empty, or (unless <paramref name="allowZeroMargins"/>)
    /// has a row or column total of zero.
    /// </summary>
    public static bool TryMargins(int[,] table, string test, List<string> warnings, out double[] rowTotals, out double[] columnTotals, out double total, bool allowZeroMargins = false)
    {
        int rows = table.GetLength(0), columns = table.GetLength(1);
        rowTotals = new double[rows];
        columnTotals = new double[columns];
        total = 0;
        if (rows < 2 || columns < 2)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{test} needs a table of at least 2 x 2; got {rows} x {columns}"));
            return false;
        }

        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                if (table[i, j] < 0)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{test} needs non-negative counts; cell [{i + 1},{j + 1}] is {table[i, j]}"));
                    return false;
                }

                rowTotals[i] += table[i, j];
                columnTotals[j] += table[i, j];
                total += table[i, j];
            }
        }

        if (total == 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{test} is undefined for an empty table"));
            return false;
        }

        if (!allowZeroMargins && (System.Array.IndexOf(rowTotals, 0.0) >= 0 || System.Array.IndexOf(columnTotals, 0.0) >= 0))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{test} is undefined: a row or column total is zero"));
            return false;
        }

        return true;
    }
}
