using System;
using System.Linq;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Tests.Statistics.Mixed;

public sealed class MixedModelEdgeCaseTests
{
    [Fact]
    public void BalancedRandomInterceptMatchesTheAnovaEstimators()
    {
        // 3 subjects × 2 rows, unsorted. Subject means 2, 5, 8.5; grand mean 31/6.
        // MSW = 4.5 / 3 = 1.5; MSB = 2 Σ (mean − grand)² / 2 = 127/6; REML gives σ² = MSW,
        // σ_b² = (MSB − MSW) / 2, Var(intercept) = MSB / 6 on exactly 2 Satterthwaite df.
        double[] y = [6, 1, 8, 3, 4, 9];
        int[] subject = [1, 0, 2, 0, 1, 2];
        var input = new MixedModelInput(y, FixedEffectsDesign.Build(6, [], []), subject, 3, RandomIntercept: true);

        MixedModelFit fit = LinearMixedModel.Fit(input);

        double msb = 127.0 / 6;
        FixedEffect intercept = Assert.Single(fit.FixedEffects);
        Assert.Equal(31.0 / 6, intercept.Estimate, 1e-12);
        Assert.Equal(Math.Sqrt(msb / 6), intercept.StandardError, 1e-7);
        Assert.Equal(2.0, intercept.DegreesOfFreedom, 1e-6);
        Assert.Equal(1.5, fit.Sigma * fit.Sigma, 1e-7);
        Assert.Equal((msb - 1.5) / 2, fit.RandomEffects[0].Variance, 1e-6);
        Assert.False(fit.Singular);
    }

    [Fact]
    public void SingularFitWarnsAsLme4AndGivesZeroVariance()
    {
        (MixedModelInput input, bool reml) = MixedFixture.Case("singular_random_intercept_reml");

        MixedModelFit fit = LinearMixedModel.Fit(input, reml);

        Assert.True(fit.Singular);
        Assert.Equal(0.0, fit.Theta[0]);
        Assert.Equal(0.0, fit.RandomEffects[0].StandardDeviation);
        Assert.StartsWith("boundary (singular) fit", Assert.Single(fit.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyCellDropsTheAliasedColumnAsLme4AndSaysSo()
    {
        // Group b has no row at time 2, so the b:t2 interaction column is all zero.
        int[] group = [0, 0, 1, 0, 0];
        int[] time = [0, 1, 0, 0, 1];
        var design = FixedEffectsDesign.Build(5,
            [DesignVariable.Factor("g", group, ["a", "b"]), DesignVariable.Factor("t", time, ["1", "2"])],
            [[0], [1], [0, 1]]);
        var input = new MixedModelInput([1, 2, 3, 4, 5], design, [0, 0, 1, 2, 2], 3, RandomIntercept: true);

        MixedModelFit fit = LinearMixedModel.Fit(input);

        Assert.Equal(["(Intercept)", "gb", "t2", "gb:t2"], design.ColumnNames);
        Assert.Equal(["gb:t2"], fit.NotEstimable);
        Assert.Equal(["(Intercept)", "gb", "t2"], fit.FixedEffects.Select(f => f.Name));
        Assert.Contains(fit.Warnings, w => w.StartsWith("fixed-effect model matrix is rank deficient so dropping 1 column / coefficient (not estimable: gb:t2)", StringComparison.Ordinal));
    }

    [Fact]
    public void InteractionColumnsVaryTheFirstFactorFastestAsR()
    {
        var design = FixedEffectsDesign.Build(4,
            [DesignVariable.Factor("g", [0, 1, 2, 0], ["a", "b", "c"]), DesignVariable.Factor("t", [0, 1, 2, 2], ["0", "1", "3"])],
            [[0], [1], [0, 1]]);

        Assert.Equal(["(Intercept)", "gb", "gc", "t1", "t3", "gb:t1", "gc:t1", "gb:t3", "gc:t3"], design.ColumnNames);
        Assert.Equal([-1, 0, 0, 1, 1, 2, 2, 2, 2], design.ColumnTerm);
        Assert.Equal(["g", "t", "g:t"], design.TermNames);
    }
}
