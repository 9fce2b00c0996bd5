using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Models;

/// <summary>
/// The model matrix on tiny hand-checkable data: R's coding rule for a factor whose margin is absent, sum-contrast
/// values, complete cases and unused levels. (The R-checked cases are in LinearModelReferenceTests.)
/// </summary>
public sealed class ModelMatrixTests
{
    private static readonly ModelVariable A = ModelVariable.Factor("a", [0, 1, 0, 1, 0, 1], ["A", "B"]);
    private static readonly ModelVariable B = ModelVariable.Factor("b", [0, 0, 1, 1, 0, 1], ["X", "Y"]);

    [Fact]
    public void AnInteractionWithoutItsMainEffectsIsCodedByIndicatorsOfEveryCellAsRDoes()
    {
        // R: colnames(model.matrix(~ a:b)) = (Intercept), aA:bX, aB:bX, aA:bY, aB:bY; lm gives NA for the last.
        ModelMatrix m = ModelMatrix.Build([A, B], [[0, 1]], [1, 2, 3, 5, 2, 6]);

        Assert.Equal(["(Intercept)", "aA:bX", "aB:bX", "aA:bY", "aB:bY"], m.ColumnNames);
        Assert.Equal([0.0, 0, 1, 0, 0, 0], m.Columns[3]);
        LinearModelFit fit = LinearModel.Fit(m);
        Assert.Equal([4], fit.AliasedColumns);
    }

    [Fact]
    public void SumContrastsCodeTheLastLevelAsMinusOneInEveryColumn()
    {
        var f = ModelVariable.Factor("f", [0, 1, 2, 2], ["p", "q", "r"]);

        ModelMatrix m = ModelMatrix.Build([f], [[0]], [1, 2, 3, 4], ModelContrasts.Sum);

        Assert.Equal(["(Intercept)", "f1", "f2"], m.ColumnNames);
        Assert.Equal([1.0, 0, -1, -1], m.Columns[1]);
        Assert.Equal([0.0, 1, -1, -1], m.Columns[2]);
    }

    [Fact]
    public void IncompleteRowsAreLeftOutAndCountedAndALevelWithoutRowsIsDroppedAndListed()
    {
        var f = ModelVariable.Factor("f", [0, 1, 2, -1, 0], ["p", "q", "r"]);
        var x = ModelVariable.Numeric("x", [1, 2, double.NaN, 4, 5]);

        ModelMatrix m = ModelMatrix.Build([f, x], [[0], [1]], [1, double.NaN, 3, 4, 5]);

        // Row 1: no response; row 2: no x (and the only r); row 3: no f.
        Assert.Equal(3, m.Excluded);
        Assert.Equal([0, 4], m.RowIndex);
        Assert.Equal(["f q", "f r"], m.DroppedLevels);
        Assert.Equal(["(Intercept)", "x"], m.ColumnNames);
        Assert.Equal([1.0, 5], m.Response);
    }

    [Fact]
    public void ATermContainsAnotherWhenItsVariablesAreAProperSuperset()
    {
        ModelMatrix m = ModelMatrix.Build([A, B], [[0], [1], [0, 1]], [1, 2, 3, 5, 2, 6]);

        Assert.True(m.Contains(2, 0));
        Assert.True(m.Contains(2, 1));
        Assert.False(m.Contains(0, 2));
        Assert.False(m.Contains(0, 1));
        Assert.Equal(["(Intercept)", "aB", "bY", "aB:bY"], m.ColumnNames);
    }

    [Fact]
    public void MismatchedLengthsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ModelMatrix.Build([A], [[0]], [1, 2, 3]));
    }
}
