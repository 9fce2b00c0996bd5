using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Tests.Reference;
using Xunit;

namespace ProtocolLang.Runtime.Tests.Statistics.Survival;

/// <summary>
/// The Cox kernel fed the interaction columns as R's model matrix builds them (a product of the
/// factor dummy or numeric columns), checked against <c>cox_interactions.expected.json</c>
/// (tests/Reference/r/cox_interactions.R). This pins the column definitions that the language's
/// <c>a * b</c> / <c>a:b</c> terms must produce. The language path (.study → results.json) is checked against the same
/// fixture by ProtocolLang.Cli.Tests' CoxInteractionRunTests.
/// </summary>
public sealed class CoxInteractionReferenceTests
{
    private const double Tolerance = 1e-9;

    private static readonly ReferenceFixture Fixture = ReferenceFixture.Load("cox_interactions");

    public static TheoryData<string> Cases => ReferenceFixture.CaseNamesOf("cox_interactions");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProductColumnsFitAsRCoxph(string name)
    {
        JsonElement c = Fixture.Case(name);
        CoxDesign design = CoxDesign.Build(Covariates(name, out double[] time, out int[] status), time, status, Array.Empty<int>());

        CoxFit fit = design.Fit(c.GetProperty("ties").GetString() == "breslow" ? CoxTies.Breslow : CoxTies.Efron);

        Assert.Equal((int)ReferenceFixture.Number(c, "n"), design.Rows.Length);
        double[] coef = ReferenceFixture.Numbers(c, "coef");
        double[] se = ReferenceFixture.Numbers(c, "se");
        Assert.Equal(coef.Length, fit.Coefficients.Count);
        for (int j = 0; j < coef.Length; j++)
        {
            ReferenceFixture.AssertClose(coef[j], fit.Coefficients[j].Coefficient, Tolerance, "coef " + j);
            ReferenceFixture.AssertClose(se[j], fit.Coefficients[j].StandardError, Tolerance, "se " + j);
            ReferenceFixture.AssertClose(ReferenceFixture.Numbers(c, "hr")[j], fit.Coefficients[j].HazardRatio, Tolerance, "hr " + j);
            ReferenceFixture.AssertPValue(ReferenceFixture.Numbers(c, "p")[j], fit.Coefficients[j].PValue, Tolerance, "p " + j);
        }

        double[] loglik = ReferenceFixture.Numbers(c, "loglik");
        ReferenceFixture.AssertClose(loglik[0], fit.LogLikelihoodNull, Tolerance, "loglik null");
        ReferenceFixture.AssertClose(loglik[1], fit.LogLikelihood, Tolerance, "loglik");
    }

    // Columns in R's order (main effects as written, then the interaction). The rows with a
    // missing value in time, status, age, sex or ph.ecog are NaN here and dropped by CoxDesign,
    // as coxph's na.omit does.
    private static List<CoxCovariate> Covariates(string name, out double[] time, out int[] status)
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "data", "lung.csv"));
        string[] header = lines[0].Split(',');
        double[][] rows = lines.Skip(1).Select(l => l.Split(',').Select(Parse).ToArray()).ToArray();
        double[] Column(string n) => rows.Select(r => r[Array.IndexOf(header, n)]).ToArray();

        time = Column("time");
        status = Column("status").Select(s => s == 2 ? 1 : 0).ToArray();
        double[] age = Column("age");
        double[] ecog = Column("ph_ecog");
        double[] sex2 = Column("sex").Select(s => double.IsNaN(s) ? double.NaN : s == 2 ? 1 : 0).ToArray();
        double[] ecog1 = ecog.Select(e => double.IsNaN(e) ? double.NaN : e >= 1 ? 1 : 0).ToArray();
        double[] Product(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).ToArray();

        return name switch
        {
            "lung_numeric_age_colon_ecog" =>
                [new CoxNumericCovariate("age", age), new CoxNumericCovariate("ph.ecog", ecog), new CoxNumericCovariate("age:ph.ecog", Product(age, ecog))],
            "lung_factor_sex_star_factor_ecog" =>
                [new CoxNumericCovariate("sex2", sex2), new CoxNumericCovariate("ecogf1", ecog1), new CoxNumericCovariate("age", age),
                 new CoxNumericCovariate("sex2:ecogf1", Product(sex2, ecog1))],
            _ =>
                [new CoxNumericCovariate("sex2", sex2), new CoxNumericCovariate("ph.ecog", ecog), new CoxNumericCovariate("age", age),
                 new CoxNumericCovariate("sex2:ph.ecog", Product(sex2, ecog))],
        };
    }

    private static double Parse(string field) =>
        field.Length == 0 ? double.NaN : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
