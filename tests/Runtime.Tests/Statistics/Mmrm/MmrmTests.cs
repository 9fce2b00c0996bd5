using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Mixed;
using ProtocolLang.Runtime.Statistics.Mmrm;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Tests.Reference;
using static ProtocolLang.Runtime.Tests.Reference.ReferenceFixture;

namespace ProtocolLang.Runtime.Tests.Statistics.Mmrm;

/// <summary>
/// MMRM by REML with us, cs, ar1 and toep covariance against <c>tests/Reference/r/mmrm.R</c> (gls, polished to a
/// tight REML optimum; Satterthwaite df by numDeriv). β and its SEs at 1e-6; Σ, vcov and the Satterthwaite df at
/// 1e-5, because both optima are only as sharp as the criterion's rounding lets a numeric gradient see (R's ends
/// at a gradient of ~1e-5, whose θ error moves Σ and the df in the sixth digit); logLik, AIC and BIC at 1e-9.
/// </summary>
public sealed class MmrmTests
{
    private const double Beta = 1e-6;
    private const double Variance = 1e-5;
    private const double Likelihood = 1e-9;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("mmrm");

    private static readonly Lazy<TrialData> Data = new(TrialData.Read);

    public static TheoryData<string> Structures => CaseNamesOf("mmrm");

    [Theory]
    [MemberData(nameof(Structures))]
    public void FitMatchesTheReferenceReml(string structure)
    {
        JsonElement r = Fixture.Case(structure);
        MmrmFit fit = MmrmModel.Fit(Data.Value.Input(), Kind(structure));

        Assert.True(fit.Convergence.Converged, fit.Convergence.Message);
        string[] names = r.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(names, fit.FixedEffects.Select(f => f.Name).ToArray());
        double[] beta = Numbers(r, "beta"), se = Numbers(r, "se"), df = Numbers(r, "df"), p = Numbers(r, "p");
        for (int k = 0; k < names.Length; k++)
        {
            AssertClose(beta[k], fit.FixedEffects[k].Estimate, Beta, names[k]);
            AssertClose(se[k], fit.FixedEffects[k].StandardError, Beta, names[k] + " SE");
            AssertClose(df[k], fit.FixedEffects[k].DegreesOfFreedom, Variance, names[k] + " df");
            AssertPValue(p[k], fit.FixedEffects[k].PValue, Variance, names[k] + " p");
        }

        AllClose(Numbers(r, "vcov"), fit.FixedEffectsCovariance, Variance, "vcov");
        AllClose(Numbers(r, "sigma"), fit.Sigma, Variance, "Sigma");
        Assert.Equal((int)Number(r, "parameters"), fit.Parameters);
        AssertClose(Number(r, "log_lik"), fit.LogLikelihood, Likelihood, "logLik");
        AssertClose(Number(r, "gls_log_lik"), fit.LogLikelihood, Likelihood, "logLik against gls");
        AssertClose(Number(r, "aic"), fit.Aic, Likelihood, "AIC");
        AssertClose(Number(r, "bic"), fit.Bic, Likelihood, "BIC");
    }

    /// <summary>Type III F tests (SAS's type 3 contrasts, multi-df Satterthwaite): F and p at 1e-6 like β, the df at 1e-5 like every df.</summary>
    [Theory]
    [MemberData(nameof(Structures))]
    public void TypeThreeTestsMatchTheReference(string structure)
    {
        JsonElement r = Fixture.Case(structure).GetProperty("type3");
        MmrmFit fit = MmrmModel.Fit(Data.Value.Input(), Kind(structure));

        string[] terms = r.GetProperty("terms").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(terms, fit.TypeIII.Select(t => t.Term));
        double[] numDf = Numbers(r, "num_df"), denDf = Numbers(r, "den_df"), f = Numbers(r, "f"), p = Numbers(r, "p");
        for (int k = 0; k < terms.Length; k++)
        {
            Assert.Equal((int)numDf[k], fit.TypeIII[k].NumeratorDf);
            AssertClose(denDf[k], fit.TypeIII[k].DenominatorDf, Variance, terms[k] + " DenDF");
            AssertClose(f[k], fit.TypeIII[k].F, Beta, terms[k] + " F");
            AssertPValue(p[k], fit.TypeIII[k].PValue, Variance, terms[k] + " p");
        }
    }

    [Theory]
    [MemberData(nameof(Structures))]
    public void TheArmContrastAtEachVisitMatchesTheReference(string structure)
    {
        JsonElement r = Fixture.Case(structure).GetProperty("visit_contrast");
        MmrmFit fit = MmrmModel.Fit(Data.Value.Input(), Kind(structure));
        double[] estimate = Numbers(r, "estimate"), se = Numbers(r, "se"), df = Numbers(r, "df");
        for (int v = 0; v < 4; v++)
        {
            ContrastEstimate c = fit.Estimate(Data.Value.ArmContrastAt(v));
            AssertClose(estimate[v], c.Estimate, Beta, $"visit {v + 1} difference");
            AssertClose(se[v], c.StandardError, Beta, $"visit {v + 1} SE");
            AssertClose(df[v], c.DegreesOfFreedom, Variance, $"visit {v + 1} df");
        }
    }

    [Fact]
    public void ASubjectSeenTwiceAtAVisitIsRefused()
    {
        TrialData data = Data.Value;
        int[] visit = data.Visit.ToArray();
        visit[2] = visit[1]; // rows 1 and 2 are S02's visits 1 and 2: row 2 now repeats visit 1
        var input = data.Input() with { Visit = visit };

        var error = Assert.Throws<MmrmDuplicateVisitException>(() => MmrmModel.Fit(input, MmrmCovarianceKind.Unstructured));
        Assert.Equal(1, error.FirstRow);
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void AnAliasedColumnIsDroppedAndItsContrastIsNotEstimable()
    {
        TrialData data = Data.Value;
        MmrmInput input = data.Input(withCopyOfBase: true);

        MmrmFit fit = MmrmModel.Fit(input, MmrmCovarianceKind.CompoundSymmetry);

        Assert.Equal(new[] { "base2" }, fit.NotEstimable);
        Assert.Contains(fit.Warnings, w => w.StartsWith("fixed-effect model matrix is rank deficient", StringComparison.Ordinal));
        var onlyCopy = new double[fit.Columns];
        onlyCopy[^1] = 1;
        Assert.True(double.IsNaN(fit.Estimate(onlyCopy).Estimate));
        JsonElement r = Fixture.Case("cs");
        AssertClose(Numbers(r, "beta")[0], fit.FixedEffects[0].Estimate, Beta, "intercept with the alias dropped");
    }

    internal static MmrmCovarianceKind Kind(string structure) => structure switch
    {
        "us" => MmrmCovarianceKind.Unstructured,
        "cs" => MmrmCovarianceKind.CompoundSymmetry,
        "ar1" => MmrmCovarianceKind.Ar1,
        "toep" => MmrmCovarianceKind.Toeplitz,
        _ => throw new ArgumentOutOfRangeException(nameof(structure)),
    };

    private static void AllClose(double[] expected, IReadOnlyList<double> actual, double tolerance, string quantity)
    {
        Assert.Equal(expected.Length, actual.Count);
        double scale = expected.Max(Math.Abs);
        for (int k = 0; k < expected.Length; k++)
        {
            // Off-diagonal entries near 0 are compared on the matrix's scale.
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * Math.Max(Math.Abs(expected[k]), scale * 1e-2),
                $"{quantity}[{k}]: expected {expected[k]:R}, got {actual[k]:R}");
        }
    }

    /// <summary>data/mmrm_trial.csv: id, arm, base, visit (1-4), y; the design y ~ arm * factor(visit) + base in R's column order.</summary>
    internal sealed record TrialData(double[] Y, int[] Subject, int Subjects, int[] Visit, int[] Arm, double[] Base)
    {
        public static TrialData Read()
        {
            string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "data", "mmrm_trial.csv"));
            var ids = new List<string>();
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
            int[] subject = rows.Select(f => { int i = ids.IndexOf(f[0]); if (i < 0) { ids.Add(f[0]); i = ids.Count - 1; } return i; }).ToArray();
            return new TrialData(
                rows.Select(f => double.Parse(f[4], CultureInfo.InvariantCulture)).ToArray(), subject, ids.Count,
                rows.Select(f => int.Parse(f[3], CultureInfo.InvariantCulture) - 1).ToArray(),
                rows.Select(f => f[1] == "treatment" ? 1 : 0).ToArray(),
                rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).ToArray());
        }

        public MmrmInput Input(bool withCopyOfBase = false)
        {
            var variables = new List<DesignVariable>
            {
                DesignVariable.Factor("arm", Arm, new[] { "control", "treatment" }),
                DesignVariable.Factor("visitf", Visit, new[] { "1", "2", "3", "4" }),
                DesignVariable.Numeric("base", Base),
            };
            var terms = new List<int[]> { new[] { 0 }, new[] { 1 }, new[] { 2 }, new[] { 0, 1 } };
            if (withCopyOfBase)
            {
                variables.Add(DesignVariable.Numeric("base2", Base.Select(b => b * 2).ToArray()));
                terms.Add(new[] { 3 });
            }

            FixedEffectsDesign design = FixedEffectsDesign.Build(Y.Length, variables, terms);
            return new MmrmInput(Y, design, Subject, Subjects, Visit, new[] { "1", "2", "3", "4" });
        }

        /// <summary>treatment − control at visit v (0-based), baseline held fixed: the arm column and its visit interaction.</summary>
        public double[] ArmContrastAt(int v)
        {
            // Columns: (Intercept), armtreatment, visitf2..4, base, armtreatment:visitf2..4.
            var l = new double[9];
            l[1] = 1;
            if (v > 0)
            {
                l[5 + v] = 1;
            }

            return l;
        }
    }
}
