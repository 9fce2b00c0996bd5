using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using ProtocolLang.Runtime;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Sql;

namespace ProtocolLang.Tests.Emit;

/// <summary>
/// A <c>.study</c> text compiled in memory and run over the data of a folder: its in-memory results.json and the engine
/// form of its cohort (<c>CohortSql</c>), for tests that compare the push-down queries with the in-memory run.
/// </summary>
internal static class GeneratedStudyRun
{
    /// <summary>The generated study class named <paramref name="typeName"/>.</summary>
    public static Type Compile(string folder, string text, string typeName)
    {
        var compilation = StudyCompiler.Compile(Path.Combine(folder, "equivalence.study"), text);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        using var image = new MemoryStream();
        var emitted = GeneratedCodeCompiler.Compile(compilation.GeneratedSource!).Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        return assembly.GetTypes().Single(t => t.Name == typeName);
    }

    /// <summary>Runs the study in memory over <paramref name="folder"/>; returns its engine form and results.json.</summary>
    public static (CohortSql CohortSql, JsonDocument Results) Run(Type study, string folder)
    {
        study.GetMethod("Run")!.Invoke(null, [new StudyRunOptions
        {
            StudyDirectory = folder,
            OutputDirectory = Path.Combine(folder, "out"),
            Formats = [ReportFormat.Json],
        }]);
        var cohortSql = (CohortSql)study.GetProperty("CohortSql")!.GetValue(null)!;
        return (cohortSql, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json"))));
    }
}
