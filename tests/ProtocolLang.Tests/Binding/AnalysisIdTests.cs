using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

/// <summary>Analysis ids: the author's <c>as</c>, else derived from the text, never from the position.</summary>
public class AnalysisIdTests
{
    private const string Header = """
        study S {
          table subjects from "s.csv" key id {
            id: text
            age: number
            sex: category(F, M)
            months: number
            relapsed: bool
          }
          groups {
            A "A": sex == F
            B "B": sex == M
          }
          outcome CK: continuous age
          outcome Relapse: time_to_event(months, relapsed)

        """;

    private static string[] Ids(string analyses) =>
        TestStudies.BindClean(Header + analyses + "\n}\n").Analyses.Select(a => a.Id).ToArray();

    [Fact]
    public void ADerivedIdIsTheKindAndTheHeadNames()
    {
        Assert.Equal(
            ["kaplan_meier_relapse", "describe_age_sex_ck", "cox_relapse_group_age"],
            Ids("model kaplan_meier Relapse by group at 12\n describe age, sex, CK by group\n model cox Relapse ~ group + age"));
    }

    [Fact]
    public void TheAuthorsIdWins()
    {
        Assert.Equal(["km_relapse"], Ids("model kaplan_meier Relapse by group as km_relapse"));
    }

    [Fact]
    public void CollidingDerivedIdsBothGetAHashOfTheirText()
    {
        var ids = Ids("compare CK: A vs B using welch\n compare CK: A vs B using mann_whitney");

        Assert.All(ids, id => Assert.Matches("^compare_ck_[0-9a-f]{8}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public void ADerivedIdThatEqualsAnAuthorsIdGetsTheHash()
    {
        var ids = Ids("describe age by group as describe_age\n describe age by group statistics mean_sd");

        Assert.Equal("describe_age", ids[0]);
        Assert.Matches("^describe_age_[0-9a-f]{8}$", ids[1]);
    }

    [Fact]
    public void LongIdsAreCutTo64Characters()
    {
        var id = Assert.Single(Ids("describe age, sex, CK, age, sex, CK, age, sex, CK, age, sex, CK, age, sex, CK, age by group"));

        Assert.True(id.Length <= Binder.MaxAnalysisIdLength, id);
        Assert.Matches("^[a-z][a-z0-9_]*[a-z0-9]$", id);
    }

    [Fact]
    public void ReorderingTheExamplesAnalysesChangesNoId()
    {
        var text = TestStudies.ReadExample();
        var lines = text.Split('\n');
        var analysisLines = lines.Select((line, index) => (line, index))
            .Where(l => Regex.IsMatch(l.line, @"^\s*(describe|compare|model|test)\s")).ToList();
        Assert.True(analysisLines.Count >= 10, "the example has its analyses on one line each");
        var reordered = (string[])lines.Clone();
        for (var i = 0; i < analysisLines.Count; i++)
        {
            reordered[analysisLines[i].index] = analysisLines[analysisLines.Count - 1 - i].line;
        }

        var before = TestStudies.BindClean(text, "nxp2_jdm.study").Analyses.ToDictionary(a => a.Source, a => a.Id);
        var after = TestStudies.BindClean(string.Join("\n", reordered), "nxp2_jdm.study").Analyses.ToDictionary(a => a.Source, a => a.Id);

        Assert.NotEqual(before.Keys.First(), after.Keys.First());
        Assert.Equal(before.OrderBy(p => p.Key, System.StringComparer.Ordinal), after.OrderBy(p => p.Key, System.StringComparer.Ordinal));
        Assert.All(before.Values, id => Assert.True(Binder.IsValidId(id), id));
        Assert.Equal(before.Count, before.Values.Distinct().Count());
    }

    [Theory]
    [InlineData("km", true)]
    [InlineData("km_2", true)]
    [InlineData("Km", false)]
    [InlineData("2km", false)]
    [InlineData("k-m", false)]
    [InlineData("", false)]
    public void AnIdIsLowerCaseLettersDigitsAndUnderscores(string id, bool valid)
    {
        Assert.Equal(valid, Binder.IsValidId(id));
    }
}
