using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Emit;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// The <c>df satterthwaite|kr</c> option of <c>model mixed</c> and <c>model mmrm</c>: it binds to
/// <see cref="BoundMixedModel.KenwardRoger"/>, the emitter names it only for <c>kr</c> (so every other model's code is
/// unchanged), a wrong word gets PL2104 and <c>kr</c> with <c>method ml</c> PL2255. The numbers are checked against R in
/// Runtime.Tests' KenwardRogerTests and ProtocolLang.Cli.Tests' KenwardRogerRunTests.
/// </summary>
public class KenwardRogerBindingTests
{
    private const string Header = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(control, treatment)
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Score: repeated visits.score over week

        """;

    [Fact]
    public void DfBindsToKenwardRogerAndDefaultsToSatterthwaite()
    {
        var study = TestStudies.BindClean(Header + """
              model mixed Score ~ arm * week + (1 | id) df kr as a
              model mixed Score ~ arm * week + (1 | id) df satterthwaite as b
              model mixed Score ~ arm * week + (1 | id) as c
              model mmrm Score ~ arm * factor(week) df kr as d
              model mmrm Score ~ arm * factor(week) as e
            }
            """);

        var models = study.Analyses.Cast<BoundMixedModel>().ToList();
        Assert.Equal([true, false, false, true, false], models.Select(m => m.KenwardRoger));
    }

    [Fact]
    public void OnlyKenwardRogerIsNamedInTheEmittedSpec()
    {
        var kr = TestStudies.BindClean(Header + "model mmrm Score ~ arm * factor(week) df kr as a\nmodel mixed Score ~ arm * week + (1 | id) df kr as b\n}\n");
        var satterthwaite = TestStudies.BindClean(Header + "model mixed Score ~ arm * week + (1 | id) df satterthwaite as b\n}\n");

        string code = CSharpEmitter.Emit(kr);

        const string named = "Df: global::ProtocolLang.Runtime.Statistics.Mixed.DegreesOfFreedomMethod.KenwardRoger";
        Assert.Equal(2, code.Split(named).Length - 1);
        Assert.DoesNotContain("Df:", CSharpEmitter.Emit(satterthwaite), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model mixed Score ~ arm * week + (1 | id) method ml df kr", "PL2255")]
    [InlineData("model mixed Score ~ arm * week + (1 | id) df kenward_roger", "PL2104")]
    [InlineData("model mmrm Score ~ arm * factor(week) df satterwaite", "PL2104")]
    public void BadUsesGetTheirDiagnostic(string analysis, string id)
    {
        var result = TestStudies.Bind(Header + analysis + "\n}\n");

        Assert.Contains(result.Diagnostics, d => d.Id == id);
    }

    [Fact]
    public void KenwardRogerWithRemlIsClean()
    {
        var result = TestStudies.Bind(Header + "model mixed Score ~ arm * week + (1 | id) method reml df kr\n}\n");

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "PL2255");
    }
}
