using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics.Linear;
using ProtocolLang.Runtime.Statistics.Models;
using ProtocolLang.Runtime.Tests.Reference;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Linear;

/// <summary>
/// The model matrix and the least-squares kernel against R's <c>lm</c>, <c>anova</c>, <c>car::Anova</c> and
/// <c>sandwich::vcovHC</c> (tests/Reference/r/linear_models.R → linear_models.expected.json). Closed-form
/// quantities, so 1e-6 relative throughout (p-values below 1e-10 on the log scale).
/// </summary>
public sealed class LinearModelReferenceTests
{
    private const double Tolerance = 1e-6;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("linear_models");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("linear_models");

    [Theory]
    [MemberData(nameof(Cases))]
    public void CoefficientsAndSummaryMatchRLm(string name)
    {
        JsonElement c = Fixture.Case(name);
        LinearModelFit fit = LinearModel.Fit(Matrix(name, ModelContrasts.Treatment));

        Assert.Equal(c.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!).ToArray(), fit.Matrix.ColumnNames);
        Assert.Equal((int)ReferenceFixture.Number(c, "n"), fit.N);
        Assert.Equal((int)ReferenceFixture.Number(c, "n_excluded"), fit.Matrix.Excluded);
        int[] aliased = ReferenceFixture.Integers(c, "aliased");
        Assert.Equal(aliased, fit.Coefficients.Select(k => k.Aliased ? 1 : 0).ToArray());
        AssertColumn(c, "coef", fit.Coefficients.Select(k => k.Estimate));
        AssertColumn(c, "se", fit.Coefficients.Select(k => k.StandardError));
        AssertColumn(c, "t", fit.Coefficients.Select(k => k.T));
        AssertPValues(ReferenceFixture.Numbers(c, "p"), fit.Coefficients.Select(k => k.PValue), "p");
        AssertColumn(c, "ci_low", fit.Coefficients.Select(k => k.Low));
        AssertColumn(c, "ci_high", fit.Coefficients.Select(k => k.High));

        Assert.Equal((int)ReferenceFixture.Number(c, "df_residual"), fit.DegreesOfFreedom);
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "sigma"), fit.Sigma, Tolerance, "sigma");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "r_squared"), fit.RSquared, Tolerance, "r.squared");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "adj_r_squared"), fit.AdjustedRSquared, Tolerance, "adj.r.squared");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "f"), fit.FStatistic, Tolerance, "F");
        Assert.Equal((int)ReferenceFixture.Number(c, "f_df1"), fit.FDf1);
        ReferenceFixture.AssertPValue(ReferenceFixture.Number(c, "f_p"), fit.FPValue, Tolerance, "F p");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "residual_ss"), fit.ResidualSumOfSquares, Tolerance, "RSS");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "loglik"), fit.LogLikelihood, Tolerance, "logLik");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "aic"), fit.Aic, Tolerance, "AIC");
        ReferenceFixture.AssertClose(ReferenceFixture.Number(c, "bic"), fit.Bic, Tolerance, "BIC");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypeOneAnovaMatchesRAnova(string name)
    {
        JsonElement c = Fixture.Case(name);
        LinearModelFit fit = LinearModel.Fit(Matrix(name, ModelContrasts.Treatment));

        AssertAnova(c.GetProperty("anova1"), LinearAnova.Sequential(fit));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TypeTwoAndThreeAnovaMatchCarAnova(string name)
    {
        JsonElement c = Fixture.Case(name);
        LinearModelFit fit = LinearModel.Fit(Matrix(name, ModelContrasts.Treatment));
        LinearModelFit sum = LinearModel.Fit(Matrix(name, ModelContrasts.Sum));
        if (!c.TryGetProperty("anova2", out JsonElement two))
        {
            if (fit.AliasedColumns.Count > 0)
            {
                Assert.Null(LinearAnova.TypeTwo(fit));
                Assert.Null(LinearAnova.TypeThree(sum));
            }

            return;
        }

        AssertAnova(two, LinearAnova.TypeTwo(fit)!);
        Assert.Equal(c.GetProperty("sum_contrast_terms").EnumerateArray().Select(t => t.GetString()!).ToArray(), sum.Matrix.ColumnNames);
        AssertColumn(c, "sum_contrast_coef", sum.Coefficients.Select(k => k.Estimate));
        AssertAnova(c.GetProperty("anova3"), LinearAnova.TypeThree(sum)!);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RobustStandardErrorsMatchSandwichVcovHC(string name)
    {
        JsonElement c = Fixture.Case(name);
        if (!c.TryGetProperty("robust", out JsonElement robust))
        {
            return;
        }

        LinearModelFit fit = LinearModel.Fit(Matrix(name, ModelContrasts.Treatment));
        foreach (RobustType type in Enum.GetValues<RobustType>())
        {
            JsonElement r = robust.GetProperty(type.ToString());
            IReadOnlyList<LinearCoefficient> k = fit.Robust(type);
            AssertColumn(r, "se", k.Select(x => x.StandardError), type + " ");
            AssertColumn(r, "t", k.Select(x => x.T), type + " ");
            AssertPValues(ReferenceFixture.Numbers(r, "p"), k.Select(x => x.PValue), type + " p");
            AssertColumn(r, "ci_low", k.Select(x => x.Low), type + " ");
            AssertColumn(r, "ci_high", k.Select(x => x.High), type + " ");
        }
    }

    [Fact]
    public void AnAliasedColumnIsNamedAndGetsNoEstimateAsRGivesNA()
    {
        LinearModelFit fit = LinearModel.Fit(Matrix("mtcars_aliased_wt_x2", ModelContrasts.Treatment));

        Assert.Equal(new[] { 2 }, fit.AliasedColumns);
        Assert.Equal("wt_x2", fit.Coefficients[2].Term);
        Assert.True(double.IsNaN(fit.Coefficients[2].Estimate));
        Assert.Equal(fit.N - 3, fit.DegreesOfFreedom);
    }

    private static void AssertAnova(JsonElement expected, AnovaTable actual)
    {
        string[] terms = expected.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!).ToArray();
        AnovaRow[] rows = actual.Rows.Where(r => r.Term != "Residuals").ToArray();
        Assert.Equal(terms, rows.Select(r => r.Term).ToArray());
        Assert.Equal(ReferenceFixture.Numbers(expected, "df").Select(d => (int)d).ToArray(), rows.Select(r => r.DegreesOfFreedom).ToArray());
        AssertColumn(expected, "ss", rows.Select(r => r.SumOfSquares), actual.Type + " ");
        AssertColumn(expected, "f", rows.Select(r => r.F), actual.Type + " ");
        AssertPValues(ReferenceFixture.Numbers(expected, "p"), rows.Select(r => r.PValue), actual.Type + " p");
    }

    private static void AssertColumn(JsonElement c, string property, IEnumerable<double> actual, string prefix = "")
    {
        double[] expected = ReferenceFixture.Numbers(c, property);
        double[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            // R's NA (an aliased coefficient) is NaN here.
            ReferenceFixture.AssertClose(expected[j], values[j], Tolerance, prefix + property + " " + j);
        }
    }

    private static void AssertPValues(double[] expected, IEnumerable<double> actual, string quantity)
    {
        double[] values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            ReferenceFixture.AssertPValue(expected[j], values[j], Tolerance, quantity + " " + j);
        }
    }

    /// <summary>The case's model matrix, built from the CSV copies of the R data as the formula in the fixture says.</summary>
    internal static ModelMatrix Matrix(string name, ModelContrasts contrasts)
    {
        switch (name)
        {
            case "toothgrowth_supp_star_dose":
            {
                var d = Csv.Read("toothgrowth.csv");
                var vars = new[] { d.Factor("supp", "supp"), d.NumberAsFactor("dose", "factor(dose)") };
                return ModelMatrix.Build(vars, [[0], [1], [0, 1]], d.Number("len"), contrasts);
            }

            case "toothgrowth_log_len_dose_colon_supp":
            {
                var d = Csv.Read("toothgrowth.csv");
                var vars = new[] { ModelVariable.Numeric("dose", d.Number("dose")), d.Factor("supp", "supp") };
                return ModelMatrix.Build(vars, [[0], [0, 1]], d.Number("len").Select(v => Math.Log(v)).ToArray(), contrasts);
            }

            case "mtcars_wt_hp_cyl":
            {
                var d = Csv.Read("mtcars.csv");
                var vars = new[] { ModelVariable.Numeric("wt", d.Number("wt")), ModelVariable.Numeric("hp", d.Number("hp")), d.NumberAsFactor("cyl", "factor(cyl)") };
                return ModelMatrix.Build(vars, [[0], [1], [2]], d.Number("mpg"), contrasts);
            }

            case "mtcars_aliased_wt_x2":
            {
                var d = Csv.Read("mtcars.csv");
                var vars = new[] { ModelVariable.Numeric("wt", d.Number("wt")), ModelVariable.Numeric("wt_x2", d.Number("wt_x2")), ModelVariable.Numeric("hp", d.Number("hp")) };
                return ModelMatrix.Build(vars, [[0], [1], [2]], d.Number("mpg"), contrasts);
            }

            default:
            {
                var d = Csv.Read("ancova_sim.csv");
                var arm = d.Factor("arm", "arm", "placebo", "active");
                return ModelMatrix.Build([arm, ModelVariable.Numeric("baseline", d.Number("baseline"))], [[0], [1]], d.Number("change"), contrasts);
            }
        }
    }

    /// <summary>A CSV of the R data (no quoting; an empty field is missing).</summary>
    internal sealed class Csv
    {
        private readonly string[] _header;
        private readonly string[][] _rows;

        private Csv(string[] header, string[][] rows) => (_header, _rows) = (header, rows);

        public static Csv Read(string file)
        {
            string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "data", file));
            return new Csv(lines[0].Split(','), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray());
        }

        public string[] Text(string column) => _rows.Select(r => r[Array.IndexOf(_header, column)]).ToArray();

        public double[] Number(string column) =>
            Text(column).Select(f => f.Length == 0 ? double.NaN : double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

        /// <summary>A factor with the given levels (default: sorted, as R's factor()).</summary>
        public ModelVariable Factor(string column, string name, params string[] levels)
        {
            string[] text = Text(column);
            string[] order = levels.Length > 0 ? levels : text.Where(t => t.Length > 0).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
            return ModelVariable.Factor(name, text.Select(t => Array.IndexOf(order, t)).ToArray(), order);
        }

        /// <summary>R's factor(x) of a number: levels are the sorted distinct values, written as R prints them.</summary>
        public ModelVariable NumberAsFactor(string column, string name)
        {
            double[] values = Number(column);
            double[] levels = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToArray();
            return ModelVariable.Factor(name, values.Select(v => Array.IndexOf(levels, v)).ToArray(),
                levels.Select(l => l.ToString("R", CultureInfo.InvariantCulture)).ToArray());
        }
    }
}
