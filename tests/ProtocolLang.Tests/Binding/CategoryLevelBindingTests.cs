using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// Category levels bind with their labels, compare with literals written as in the declaration, and a table
/// without a key is keyed by its row number. The diagnostics, with their line:col, are in
/// <c>TestFiles/bad/250-category-levels</c> and <c>251-keyless-parent</c>.
/// </summary>
public class CategoryLevelBindingTests
{
    private const string Study = """
        study Colon {
          table subjects from "colon.csv" {
            sex: category(0 "Female", 1 "Male")
            rx: category("Obs", "Lev", "Lev+5FU" "Levamisole + 5-FU")
            site: category(F "Female site", M)
            time: number
            status: integer
          }
          include "Treated": rx in ("Obs", "Lev+5FU")
          groups {
            Women "Women": sex == 0
            Men "Men": sex == 1.0 and site != F
          }
          outcome Death: time_to_event(time, status == 2)
          describe sex, rx by group
        }
        """;

    [Fact]
    public void LevelsKeepTheirCodesAndLabelsInDeclaredOrder()
    {
        var study = TestStudies.BindClean(Study);
        var columns = study.SubjectTable.Columns;

        var sex = columns.Single(c => c.Name == "sex").Type.Category!;
        Assert.Equal(["0", "1"], sex.Levels.ToArray());
        Assert.Equal(["Female", "Male"], sex.LevelLabels.ToArray());
        Assert.True(sex.HasLabels);

        var rx = columns.Single(c => c.Name == "rx").Type.Category!;
        Assert.Equal(["Obs", "Lev", "Lev+5FU"], rx.Levels.ToArray());
        Assert.Equal(["Obs", "Lev", "Levamisole + 5-FU"], rx.LevelLabels.ToArray());
    }

    [Fact]
    public void ALevelWithoutLabelsIsItsOwnLabel()
    {
        var study = TestStudies.BindClean("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                sex: category(F, M)
              }
              groups {
                All "All": true
              }
            }
            """);

        var sex = study.SubjectTable.Columns[1].Type.Category!;
        Assert.Equal(["F", "M"], sex.LevelLabels.ToArray());
        Assert.False(sex.HasLabels);
    }

    [Fact]
    public void NumberAndStringLiteralsCompareWithTheirLevels()
    {
        var study = TestStudies.BindClean(Study);

        var women = Assert.IsType<BoundBinary>(study.Groups[0].Predicate);
        Assert.Equal(0, Assert.IsType<BoundLevel>(women.Right).Index);
        var men = Assert.IsType<BoundBinary>(Assert.IsType<BoundBinary>(study.Groups[1].Predicate).Left);
        Assert.Equal(1, Assert.IsType<BoundLevel>(men.Right).Index);
        var treated = Assert.IsType<BoundIn>(study.Criteria[0].Predicate);
        Assert.Equal([0, 2], treated.Values.Select(v => Assert.IsType<BoundLevel>(v).Index));
    }

    [Fact]
    public void AnEventIndicatorMayBeAComparison()
    {
        var study = TestStudies.BindClean(Study);

        var death = study.Outcomes.Single();
        Assert.Equal(TypeKind.Bool, death.Event!.Type.Kind);
        Assert.IsType<BoundBinary>(death.Event);
    }

    [Fact]
    public void ASubjectTableWithoutKeyBindsWithNoKey()
    {
        var study = TestStudies.BindClean(Study);

        Assert.Null(study.SubjectTable.Key);
    }

    [Fact]
    public void AnUndeclaredNumberLevelSuggestsTheNearestLevel()
    {
        var result = TestStudies.Bind("""
            study S {
              table subjects from "s.csv" key id {
                id: text
                rx: category("Obs", "Lev", "Lev+5FU")
              }
              include "Treated": rx == "Lev+5F"
            }
            """);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PL2011", diagnostic.Id);
        Assert.Equal("'Lev+5F' is not a level of 'rx' (Obs, Lev, Lev+5FU); did you mean 'Lev+5FU'?", diagnostic.Message);
    }
}
