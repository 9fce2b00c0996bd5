using System;
using System.Linq;
using System.Reflection;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Studies.RandomisedTrial;

// Runs the RandomisedTrial protocol end to end: load and validate the data, apply criteria and groups,
// run the analysis plan, write report/report.md and report/results.json beside the study.
// Usage: dotnet run --project examples/RandomisedTrial [-- STUDY_DIRECTORY [OUTPUT_DIRECTORY]]
var studyDirectory = args.Length > 0
    ? args[0]
    : typeof(RandomisedTrialStudy).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "StudyDirectory").Value!;
var options = new StudyRunOptions
{
    StudyDirectory = studyDirectory,
    OutputDirectory = args.Length > 1 ? args[1] : null,
};

try
{
    var results = RandomisedTrialStudy.Run(options);
    foreach (var warning in results.Warnings ?? [])
    {
        Console.Error.WriteLine($"{warning.File}({warning.Line},{warning.Column}): warning {warning.Code}: {warning.Message}");
    }

    // Analysed and excluded subjects by reason, and the warning counts: a run never drops data without saying so.
    foreach (var line in FlowSummary.Lines(results))
    {
        Console.WriteLine(line);
    }

    Console.WriteLine($"{results.Study.Name}: {results.Analyses.Count} analyses; report written.");
    return 0;
}
catch (StudyDataException e)
{
    Console.Error.WriteLine(e.Message);
    return e.IsSourceMismatch ? 1 : 2;
}
