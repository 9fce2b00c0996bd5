using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Sql;
using ProtocolLang.Studies.Nxp2Jdm;
using Xunit;

namespace ProtocolLang.Engines.Tests;

/// <summary>
/// The ClickHouse text of a Cox evaluation, without a server: η above 709.78 is counted and never exponentiated (the
/// guard that makes an overflowing step non-finite), no value is Nullable, β = 0 needs no exp, and a model with group
/// indicators groups by first_group and sums only the other covariates. And the C# side: the grouped rows expanded back
/// give the ungrouped query's sums.
/// </summary>
public sealed class ClickHouseCoxQueryTests
{
    private static readonly SqlCoxCovariate[] Covariates =
    [
        SqlCoxCovariate.InGroup("groupMDA5_JDM", 1),
        SqlCoxCovariate.Number("age", SqlExpr.Column("age")),
        SqlCoxCovariate.InGroup("groupTIF1g_JDM", 2),
    ];

    [Fact]
    public void AnEvaluationCountsTheFiniteExponentialsAndExponentiatesOnlyThem()
    {
        string sql = Iteration(Covariates, [0.5, -0.25, 1]);

        Assert.Contains("countIf(`#eta` <= toFloat64(709.782712893384))", sql, StringComparison.Ordinal);
        Assert.Contains("CASE WHEN `#eta` <= toFloat64(709.782712893384) THEN exp(`#eta`) ELSE toFloat64(0) END AS `#r`", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstEvaluationAtBetaZeroHasNoExponential()
    {
        string sql = Iteration(Covariates, [0, 0, 0]);

        Assert.DoesNotContain("exp(", sql, StringComparison.Ordinal);
        Assert.Contains("toFloat64(1) AS `#r`", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelWithGroupIndicatorsIsGroupedByGroupAndSumsOnlyTheOtherCovariates()
    {
        string sql = Iteration(Covariates, [0.5, -0.25, 1]);

        Assert.StartsWith("SELECT `#t`, `#s`, `#first_group`, ", sql, StringComparison.Ordinal);
        Assert.Contains("SUM(`#r` * `#c1` * `#c1`)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("SUM(`#r` * `#c0`", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("SUM(`#r` * `#c2`", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("SUM(`#c0`)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEvaluationAfterTheFirstLeavesOutTheSumsThatDoNotDependOnBeta()
    {
        string first = Iteration(Covariates, [0, 0, 0]);
        string later = SqlCoxQueries.Iteration(Nxp2JdmStudy.CohortSql, Nxp2JdmStudy.CohortSql.Outcomes!.Single(o => o.Name == "Relapse"), Covariates, [], null,
            new double[3], [0.5, -0.25, 1], _ => "`protocollang`.`subjects`", new SqlRenderer(ClickHouseDialect.Instance), eventSums: false);

        Assert.Contains("SUM(`#c1`)", first, StringComparison.Ordinal);
        Assert.Contains("SUM(`#eta`)", first, StringComparison.Ordinal);
        Assert.DoesNotContain("SUM(`#c1`)", later, StringComparison.Ordinal);
        Assert.DoesNotContain("SUM(`#eta`)", later, StringComparison.Ordinal);
        Assert.Contains("SUM(`#r` * `#c1` * `#c1`)", later, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedRowsExpandToTheSumsOverEverySubject()
    {
        // Subjects at one (time, status): (group, age, r) = (1, 3, 2), (1, 5, 1), (2, 4, 3), (0, 6, 0.5); means 0.3 (MDA5),
        // 40 (age), 0.2 (TIF1g). Each covariate centred: c = (in MDA5 − 0.3, age − 40, in TIF1g − 0.2).
        double[] means = [0.3, 40, 0.2];
        var subjects = new (int Group, double Age, double R)[] { (1, 3, 2), (1, 5, 1), (2, 4, 3), (0, 6, 0.5) };
        var rows = subjects.GroupBy(x => x.Group).OrderBy(g => g.Key).Select(g =>
        {
            var c = g.Select(x => x.Age - means[1]).ToArray();
            var r = g.Select(x => x.R).ToArray();
            return new object?[] { 7.0, 1L, (long)g.Key, (long)c.Length, (long)c.Length, r.Sum(), c.Zip(r, (a, b) => a * b).Sum(), c.Zip(r, (a, b) => a * a * b).Sum(), c.Sum(), 0.0 };
        }).ToList();

        var row = Assert.Single(SqlCoxGroupSums.Expand(rows, Covariates, means, 0, true, null, out _));

        double[] Centred((int Group, double Age, double R) x) => [(x.Group == 1 ? 1 : 0) - means[0], x.Age - means[1], (x.Group == 2 ? 1 : 0) - means[2]];
        var expected = new List<object?> { 7.0, 1L, 4L, 4L, subjects.Sum(x => x.R) };
        expected.AddRange(Enumerable.Range(0, 3).Select(i => (object?)subjects.Sum(x => x.R * Centred(x)[i])));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                expected.Add(subjects.Sum(x => x.R * Centred(x)[i] * Centred(x)[j]));
            }
        }

        expected.AddRange(Enumerable.Range(0, 3).Select(i => (object?)subjects.Sum(x => Centred(x)[i])));
        expected.Add(0.0);
        Assert.Equal(expected.Count, row.Length);
        for (int k = 0; k < row.Length; k++)
        {
            if (expected[k] is double e)
            {
                Assert.Equal(e, (double)row[k]!, 12);
            }
            else
            {
                Assert.Equal(expected[k], row[k]);
            }
        }
    }

    [Fact]
    public void ALaterEvaluationWithGroupOffsetsHasNoPerRowCaseAndReturnsTheLargestEta()
    {
        string sql = SqlCoxQueries.Iteration(Nxp2JdmStudy.CohortSql, Nxp2JdmStudy.CohortSql.Outcomes!.Single(o => o.Name == "Relapse"), Covariates, [], null,
            new double[3], [0.5, -0.25, 1], _ => "`protocollang`.`subjects`", new SqlRenderer(ClickHouseDialect.Instance), eventSums: false, groupOffsets: true);

        Assert.DoesNotContain("CASE WHEN `#first_group`", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("CASE WHEN `#eta`", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("`#c0`", sql, StringComparison.Ordinal);
        Assert.Contains("MAX(`#eta`)", sql, StringComparison.Ordinal);
        Assert.Contains("exp(least(`#eta`, toFloat64(709.782712893384))) AS `#r`", sql, StringComparison.Ordinal);
        Assert.Contains("(toFloat64(-0.25) * `#c1`) AS `#eta`", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetRowsExpandToTheRowsOfTheExactForm()
    {
        // One (time, status) with (group, age) subjects; β = (0.5, -0.25, 1), means as below: the exact form's rows have
        // r = exp(η) with every covariate, the offset form's r = exp(η₀) with age only and MAX(η₀).
        double[] means = [0.3, 40, 0.2];
        double[] beta = [0.5, -0.25, 1];
        var subjects = new (int Group, double Age)[] { (1, 38), (1, 45), (2, 41), (0, 36) };
        List<object?[]> Rows(bool offsets) => subjects.GroupBy(x => x.Group).OrderBy(g => g.Key).Select(g =>
        {
            var c = g.Select(x => x.Age - means[1]).ToArray();
            var eta0 = c.Select(v => beta[1] * v).ToArray();
            double offset = (beta[0] * ((g.Key == 1 ? 1 : 0) - means[0])) + (beta[2] * ((g.Key == 2 ? 1 : 0) - means[2]));
            var r = eta0.Select(e => Math.Exp(offsets ? e : e + offset)).ToArray();
            return new object?[] { 7.0, 1L, (long)g.Key, (long)c.Length, offsets ? eta0.Max() : (object)(long)c.Length, r.Sum(), c.Zip(r, (a, b) => a * b).Sum(), c.Zip(r, (a, b) => a * a * b).Sum() };
        }).ToList();

        var exact = Assert.Single(SqlCoxGroupSums.Expand(Rows(false), Covariates, means, 0, false, null, out _));
        var offset = Assert.Single(SqlCoxGroupSums.Expand(Rows(true), Covariates, means, 0, false, beta, out bool clamped));

        Assert.False(clamped);
        Assert.Equal(exact.Length, offset.Length);
        Assert.Equal(4L, offset[2]);
        Assert.Equal(4L, offset[3]);
        for (int k = 4; k < exact.Length; k++)
        {
            Assert.Equal((double)exact[k]!, (double)offset[k]!, 12);
        }
    }

    [Fact]
    public void AnOffsetRowWhoseLargestEtaOverflowsCountsNoFiniteExponentialAndAClampedOneAsksAgain()
    {
        double[] means = [0, 0, 0];
        object?[] Row(double maxEta) => [7.0, 1L, 1L, 2L, maxEta, 1.0, 1.0, 1.0];

        var overflow = Assert.Single(SqlCoxGroupSums.Expand([Row(709.5)], Covariates, means, 0, false, [1, 0, 0], out bool clamped));
        Assert.False(clamped);
        Assert.Equal(0L, overflow[3]);

        SqlCoxGroupSums.Expand([Row(800)], Covariates, means, 0, false, [-200, 0, 0], out clamped);
        Assert.True(clamped);
    }

    private static string Iteration(IReadOnlyList<SqlCoxCovariate> covariates, double[] beta) =>
        SqlCoxQueries.Iteration(Nxp2JdmStudy.CohortSql, Nxp2JdmStudy.CohortSql.Outcomes!.Single(o => o.Name == "Relapse"), covariates, [], null,
            new double[covariates.Count], beta, _ => "`protocollang`.`subjects`", new SqlRenderer(ClickHouseDialect.Instance));
}
