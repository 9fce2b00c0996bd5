using System.Linq;
using ProtocolLang.Generator.Tests.TestHelpers;

namespace ProtocolLang.Generator.Tests;

/// <summary>The <c>Run</c> of a study that says <c>compute in engine</c>: no table read, the cohort counted in the engine.</summary>
public sealed class EngineGeneratedCodeTests
{
    private const string Study = """
        study EngineSmall {
          compute in engine
          table subjects from parquet "data/subjects.parquet" key id {
            id: text
            arm: category(A, B) optional
            t: number range 0..
            e: bool
          }
          include "Known arm": arm is not missing
          groups {
            A "Arm A": arm == A
            B "Arm B": arm == B
          }
          outcome Death "Death": time_to_event(t, e) horizon 24
          model kaplan_meier Death by group at 12
          test logrank Death by group
          report "report" formats json
        }
        """;

    [Fact]
    public void AnEngineStudysGeneratedCodeMatchesGoldenAndCompilesWithoutWarnings()
    {
        var (output, result) = GeneratorHarness.RunAndCompile("/p/engine_small.study", Study);

        GeneratedCodeTests.AssertGeneratedWithoutDiagnostics(result);
        GeneratedCodeTests.AssertCompilesWithoutWarnings(output);
        var source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Golden.AssertMatches("EngineSmall.g.cs", source);
        Assert.Contains("StudyRun.InEngine(", source, System.StringComparison.Ordinal);
        Assert.Contains("run.EngineCohort(CohortSql)", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("run.Table(", source.Split("Run(global::ProtocolLang.Runtime.Plan.StudyRunOptions options)").Last(), System.StringComparison.Ordinal);
    }
}
