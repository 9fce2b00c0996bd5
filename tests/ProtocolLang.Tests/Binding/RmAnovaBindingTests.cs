using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// <c>model rm_anova</c> at the binder and emitter: the formula binds as <c>model mixed</c>'s, must be the full factorial
/// of between factors and <c>factor(time)</c>, and becomes <see cref="BoundRmAnovaOptions"/>; bad uses get PL2260–PL2263.
/// The numbers are checked against afex in ProtocolLang.Cli.Tests' RmAnovaRunTests.
/// </summary>
public class RmAnovaBindingTests
{
    private const string Header = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(placebo, low, high)
            sex: category(F, M)
            age: number
            smoker: bool
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
            dose: number
          }
          outcome Score: repeated visits.score over week

        """;

    [Fact]
    public void AFullFactorialBindsWithTheLinkAsSubject()
    {
        var study = TestStudies.BindClean(Header + """
              model rm_anova Score ~ arm * factor(week) as a
              model rm_anova Score ~ arm * sex * factor(week) as b
              model rm_anova Score ~ factor(week) as c
              model rm_anova Score ~ smoker * factor(age >= 65) * factor(week) as d
              model rm_anova Score ~ arm + factor(week) + arm:factor(week) as e
            }
            """);

        var models = study.Analyses.Cast<BoundMixedModel>().ToList();
        Assert.All(models, m => Assert.Equal(new BoundRmAnovaOptions("id"), m.RmAnova));
        Assert.All(models, m => Assert.Null(m.Mmrm));
        Assert.Equal(["arm", "sex", "week", "arm:sex", "arm:week", "sex:week", "arm:sex:week"], models[1].FixedTerms.Select(t => string.Join(":", t.Factors.Select(f => f.Name))));
    }

    [Fact]
    public void TheEmittedSpecNamesTheSubject()
    {
        var study = TestStudies.BindClean(Header + "model rm_anova Score ~ arm * factor(week) as a\n}\n");

        string code = CSharpEmitter.Emit(study);

        Assert.Contains("RmAnova: new global::ProtocolLang.Runtime.Plan.RmAnovaOptions(\"id\")", code, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model rm_anova Score ~ arm * week", "PL2260", "found 'week' as a number")]
    [InlineData("model rm_anova Score ~ arm", "PL2260", "the formula has none")]
    [InlineData("model rm_anova Score ~ age * factor(week)", "PL2261", "'age' is a number (write 'factor(age)'")]
    [InlineData("model rm_anova Score ~ log(dose) * factor(week)", "PL2261", "'log(dose)' is a number per row of 'visits'")]
    [InlineData("model rm_anova Score ~ arm + factor(week)", "PL2262", "write 'Score ~ arm * factor(week)' (missing: arm:factor(week))")]
    [InlineData("model rm_anova Score ~ arm * sex + factor(week)", "PL2262", "missing: arm:factor(week), sex:factor(week), arm:sex:factor(week)")]
    [InlineData("model rm_anova Score ~ arm * factor(week) + (1 | id)", "PL2263", "remove '(1 | id)'")]
    [InlineData("model rm_anova Score ~ arm * factor(week) covariance us", "PL2102", "'covariance' is not an option of rm_anova")]
    public void BadUsesGetTheirDiagnostic(string analysis, string id, string message)
    {
        var result = TestStudies.Bind(Header + analysis + "\n}\n");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Contains(message, diagnostic.Message, System.StringComparison.Ordinal);
    }
}
