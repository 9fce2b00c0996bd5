using System;
using System.Linq;
using System.Threading.Tasks;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Tests.Statistics;

/// <summary>
/// Every kernel takes non-finite input (NaN, ±infinity) without looping or throwing: the values are
/// left out with a warning. Each call runs on a task with a time bound, since the defect was a hang.
/// </summary>
public sealed class NonFiniteInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly double[] X = [1, 2.5, double.PositiveInfinity, 4, double.NegativeInfinity, double.NaN, 3];
    private static readonly double[] Y = [2, double.PositiveInfinity, 5, 6, 0.5, 7];

    private static T Within<T>(Func<T> kernel)
    {
        Task<T> task = Task.Run(kernel);
        Assert.True(task.Wait(Bound), "the kernel did not finish within the time bound");
        return task.Result;
    }

    [Fact]
    public void HodgesLehmannWithInfiniteValuesFinishesAndEqualsTheFiniteValuesResult()
    {
        // Ties force the normal-approximation path, whose root search on [min x - max y, max x - min y]
        // looped forever on an infinite bound (inf - inf is NaN, and the rank loop never passed a NaN).
        double[] x = [1, 1, 2.5, double.PositiveInfinity, 4, double.NegativeInfinity, 3];
        double[] y = [2, double.PositiveInfinity, 5, 5, 0.5, 7];
        HodgesLehmannResult withInfinities = Within(() => HodgesLehmann.Shift(x, y));
        HodgesLehmannResult finite = HodgesLehmann.Shift(x.Where(double.IsFinite).ToArray(), y.Where(double.IsFinite).ToArray());

        Assert.Equal(finite.Estimate, withInfinities.Estimate);
        Assert.Equal(finite.Low, withInfinities.Low);
        Assert.Equal(finite.High, withInfinities.High);
        Assert.Contains(withInfinities.Warnings, w => w.Contains("excluded 2 infinite value(s) from x", StringComparison.Ordinal));
        Assert.Contains(withInfinities.Warnings, w => w.Contains("excluded 1 infinite value(s) from y", StringComparison.Ordinal));
    }

    [Fact]
    public void HodgesLehmannOnlyOfInfinitiesIsUndefinedNotAHang()
    {
        HodgesLehmannResult result = Within(() => HodgesLehmann.Shift([double.PositiveInfinity, double.NegativeInfinity], [double.PositiveInfinity]));

        Assert.True(double.IsNaN(result.Estimate));
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void HodgesLehmannWhoseShiftsOverflowIsUndefinedNotAHang()
    {
        HodgesLehmannResult result = Within(() => HodgesLehmann.Shift([1e308, 1e308, -1e308], [-1e308, 1e308, 1e308], exact: false, continuityCorrection: true));

        Assert.True(double.IsNaN(result.Estimate));
        Assert.Contains(result.Warnings, w => w.Contains("exceed the range of double precision", StringComparison.Ordinal));
    }

    [Fact]
    public void RankTestsAndTTestsLeaveNonFiniteValuesOut()
    {
        double[] fx = X.Where(double.IsFinite).ToArray(), fy = Y.Where(double.IsFinite).ToArray();
        Assert.Equal(MannWhitney.Test(fx, fy).PValue, Within(() => MannWhitney.Test(X, Y)).PValue);
        Assert.Equal(MannWhitney.Exact(fx, fy).PValue, Within(() => MannWhitney.Exact(X, Y)).PValue);
        Assert.Equal(TTest.Welch(fx, fy).PValue, Within(() => TTest.Welch(X, Y)).PValue);
        Assert.Equal(TTest.Student(fx, fy).PValue, Within(() => TTest.Student(X, Y)).PValue);
        Assert.Equal(KruskalWallis.Test([fx, fy]).PValue, Within(() => KruskalWallis.Test([X, Y])).PValue);
        Assert.Equal(OneWayAnova.Test([fx, fy]).PValue, Within(() => OneWayAnova.Test([X, Y])).PValue);
        Assert.Contains(TTest.Welch(X, Y).Warnings, w => w.Contains("infinite", StringComparison.Ordinal));
    }

    [Fact]
    public void DescriptivesCountInfinitiesAsMissing()
    {
        ContinuousSummary s = Descriptives.Summarize(X);

        Assert.Equal(4, s.N);
        Assert.Equal(3, s.Missing);
        Assert.Equal(1, s.Min);
        Assert.Equal(4, s.Max);
    }

    [Fact]
    public void HugeFiniteValuesGiveAFiniteMeanAndNoInfiniteSd()
    {
        ContinuousSummary s = Descriptives.Summarize([1e308, 1e308, -1e308, 1e308]);

        Assert.Equal(5e307, s.Mean, 1e293);
        Assert.True(double.IsNaN(s.StandardDeviation));
    }

    [Fact]
    public void AConstantResponseOrOneRowPerSubjectIsNotIdentifiable()
    {
        var design = FixedEffectsDesign.Build(6, [DesignVariable.Numeric("t", [0, 1, 0, 1, 0, 1])], [[0]]);
        var constant = new MixedModelInput([5, 5, 5, 5, 5, 5], design, [0, 0, 1, 1, 2, 2], 3, RandomIntercept: true);
        var oneRowEach = new MixedModelInput([1, 2, 4, 3, 6, 5], design, [0, 1, 2, 3, 4, 5], 6, RandomIntercept: true);
        var fine = new MixedModelInput([1, 2, 4, 3, 6, 5], design, [0, 0, 1, 1, 2, 2], 3, RandomIntercept: true);

        Assert.NotNull(MixedModelIdentifiability.ConstantResponse(constant));
        Assert.Contains("number of levels of each grouping factor must be < number of observations", MixedModelIdentifiability.TooFewObservations(oneRowEach), StringComparison.Ordinal);
        Assert.Null(MixedModelIdentifiability.ConstantResponse(fine));
        Assert.Null(MixedModelIdentifiability.TooFewObservations(fine));
        Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(constant));
    }
}
