using System.Linq;

namespace ProtocolLang.Tests.Binding;

/// <summary>A Cox or mixed model needs the study's groups (PL2047) only when it names them.</summary>
public class ModelGroupsBindingTests
{
    private const string Study = """
        study T {
          table subjects from "s.csv" key id {
            id: text
            arm: category(control, treatment)
            time: number
            died: bool
          }
          table visits from "v.csv" of subjects by id {
            id: text
            week: integer
            score: number
          }
          outcome Event: time_to_event(time, died)
          outcome Score: repeated visits.score over week
          MODEL
        }
        """;

    [Theory]
    [InlineData("model cox Event ~ arm")]
    [InlineData("model cox Event ~ arm within arm")]
    [InlineData("model mixed Score ~ arm * factor(week) + (1 | id)")]
    [InlineData("model mixed Score ~ arm + week + (1 | id) where week > 0")]
    public void AModelWithoutAGroupTermNeedsNoGroupsBlock(string model)
    {
        Assert.Empty(Codes(model));
    }

    [Theory]
    [InlineData("model cox Event ~ group + arm")]
    [InlineData("model mixed Score ~ group * factor(week) + (1 | id)")]
    [InlineData("model cox Event ~ arm by group")]
    public void AModelNamingTheGroupsStillNeedsAGroupsBlock(string model)
    {
        Assert.Contains("PL2047", Codes(model));
    }

    private static string[] Codes(string model) =>
        TestStudies.Bind(Study.Replace("MODEL", model, System.StringComparison.Ordinal)).Diagnostics.Select(d => d.Id).ToArray();
}
