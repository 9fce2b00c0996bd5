using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

public class BinderTests
{
    private const string Base = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            antibody: category(NXP2, MDA5, TIF1g)
            age: number
          }
          groups {
            NXP2 "NXP2+": antibody == NXP2
            MDA5 "MDA5+": antibody == MDA5
            TIF1g "TIF1g+": antibody == TIF1g
          }

        """;

    [Fact]
    public void TheExampleStudyBindsWithoutDiagnostics()
    {
        var study = TestStudies.BindClean(TestStudies.ReadExample(), "nxp2_jdm.study");

        Assert.Equal(["subjects", "visits"], study.Tables.Select(t => t.Name));
        Assert.Equal(4, study.Groups.Length);
        Assert.Equal(7, study.Outcomes.Length);
        Assert.Equal(12, study.Analyses.Length);
        Assert.Equal("nxp2_jdm.study", study.StudyFileName);
    }

    [Fact]
    public void UnknownLevelSuggestsTheNearestLevel()
    {
        var result = TestStudies.Bind(Base + "include \"x\": antibody == NXP3\n}");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL2011", diagnostic.Id);
        Assert.Equal("'NXP3' is not a level of 'antibody' (NXP2, MDA5, TIF1g); did you mean 'NXP2'?", diagnostic.Message);
        Assert.Equal("12,26", diagnostic.Location.LineSpan.Start.ToDisplayString());
    }

    [Fact]
    public void EveryErrorInAFileIsReportedNotOnlyTheFirst()
    {
        var result = TestStudies.Bind(Base + """
            include "a": agee > 1
            compare age: NXP2 vs MDA6 using t_test
            compare age across groups using mann_whitney
            model kaplan_meier age by group
            }
            """);

        Assert.Equal(["PL2003", "PL2023", "PL2029", "PL2031"], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void CompareTestOptionsBindToWilcoxTestsArguments()
    {
        var study = TestStudies.BindClean(Base + """
            outcome CK: continuous age summary geometric_mean
            compare CK: NXP2 vs each using mann_whitney
            compare CK: NXP2 vs each using mann_whitney exact
            compare CK: NXP2 vs MDA5 using mann_whitney approximate no_correct
            compare antibody: NXP2 vs MDA5 using chi_square no_correct
            compare CK across groups using welch_anova
            compare CK: NXP2 vs MDA5 using mann_whitney no_conf_int
            compare CK: NXP2 vs MDA5 using mann_whitney approximate no_correct no_conf_int
            }
            """);

        var compares = study.Analyses.OfType<BoundCompare>().ToArray();
        Assert.Equal(
            [
                new BoundTestOptions(ExactMode.Default, true), new BoundTestOptions(ExactMode.Exact, true),
                new BoundTestOptions(ExactMode.Approximate, false), new BoundTestOptions(ExactMode.Default, false),
                BoundTestOptions.Default,
                new BoundTestOptions(ExactMode.Default, true, ConfInt: false), new BoundTestOptions(ExactMode.Approximate, false, ConfInt: false),
            ],
            compares.Select(c => c.Options));
        Assert.Equal(TestKind.WelchAnova, compares[4].Test);
        Assert.Equal(SummaryKind.GeometricMean, Assert.Single(study.Outcomes).Summary);
    }

    [Fact]
    public void DescribeStatisticsAndQuantileTypeBind()
    {
        var study = TestStudies.BindClean(Base + """
            describe age by group
            describe age, antibody by group statistics geometric_mean, mean_se, percent_ci quantile_type 9
            }
            """);

        var describes = study.Analyses.OfType<BoundDescribe>().ToArray();
        Assert.Empty(describes[0].Statistics);
        Assert.Equal(7, describes[0].QuantileType);
        Assert.Equal([DescribeStatistic.GeometricMean, DescribeStatistic.MeanSe, DescribeStatistic.PercentCi], describes[1].Statistics.ToArray());
        Assert.Equal(9, describes[1].QuantileType);
    }

    [Fact]
    public void DescribeDecimalsBindAndAreAbsentByDefault()
    {
        var study = TestStudies.BindClean(Base + """
            describe age by group
            describe age by group decimals 0
            describe age by group statistics mean_sd decimals 6
            describe age, antibody by group decimals 2, age = 1
            }
            """);

        var describes = study.Analyses.OfType<BoundDescribe>().ToArray();
        Assert.Null(describes[0].Decimals);
        Assert.Empty(describes[0].VariableDecimals);
        Assert.Equal(0, describes[1].Decimals);
        Assert.Equal(6, describes[2].Decimals);
        Assert.Equal(2, describes[3].Decimals);
        Assert.Equal([new VariableDecimals("age", 1)], describes[3].VariableDecimals.ToArray());
    }

    [Fact]
    public void TheReportsDecimalsAreTheDefaultOfEveryDescribeWithoutItsOwn()
    {
        var study = TestStudies.BindClean(Base + """
            describe age by group
            describe age by group decimals 0
            describe age, antibody by group decimals age = 3
            report "out" formats json decimals 1
            }
            """);

        var describes = study.Analyses.OfType<BoundDescribe>().ToArray();
        Assert.Equal(1, describes[0].Decimals);
        Assert.Equal(0, describes[1].Decimals);
        Assert.Equal(1, describes[2].Decimals);
        Assert.Equal([new VariableDecimals("age", 3)], describes[2].VariableDecimals.ToArray());
    }

    [Fact]
    public void CrossedFormulaTermsExpandToMainEffectsAndInteraction()
    {
        var study = TestStudies.BindClean(TestStudies.ReadExample());
        var mixed = study.Analyses.OfType<BoundMixedModel>().First();

        var terms = mixed.FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name + "/" + f.Kind)));
        Assert.Equal(["group/Group", "month/TimeAsFactor", "group/Group:month/TimeAsFactor"], terms);
    }

    [Fact]
    public void MixedWhereOnGroupsResolvesToTheIncludedGroupsAtCompileTime()
    {
        var study = TestStudies.BindClean(Base.Replace("age: number", "age: number\n  }\n  table visits from \"v.csv\" of subjects by id {\n    id: text\n    month: integer\n    ck: number", System.StringComparison.Ordinal) + """
            outcome Course: repeated visits.ck over month
            model mixed Course ~ group * month + (1 | id) where not (group == NXP2 or group in (TIF1g))
            }
            """);

        var mixed = Assert.Single(study.Analyses.OfType<BoundMixedModel>());
        Assert.Equal(["MDA5"], mixed.IncludedGroups.ToArray());
    }

    [Fact]
    public void StudyHashIsTheSha256OfTheUtf8Text()
    {
        var text = TestStudies.ReadExample();
        var expected = System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

        Assert.Equal(expected, TestStudies.BindClean(text).StudySha256);
    }

    [Fact]
    public void GroupsTestingDifferentLevelsOfOneColumnDoNotWarnAboutOverlap()
    {
        var result = TestStudies.Bind(Base + "}");

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("ag", "age")]
    [InlineData("NXP", "NXP2")]
    [InlineData("C", null)]
    [InlineData("completely_different", null)]
    public void SuggestionsAreOnlyOfferedForNearMisses(string name, string? expected)
    {
        Assert.Equal(expected, NameSuggestions.Nearest(name, ["age", "NXP2", "A", "B"]));
    }
}
