using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Data;

// Usage: LoadBench <folder holding subjects.csv> [runs] [parts]. parts: how many parts a file without quotes is cut
// into and parsed on at once (default: one per core; 1 = the parse on one thread, for a before/after in one process). The schema is benchmarks' load.study / empty.study
// subjects table (CompareWithR/generate.R's columns), written here so the loader is timed without the CLI.
var folder = args.Length > 0 ? args[0] : "/work/bench/n1e6";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
if (args.Length > 2)
{
    TableLoader.MaxParts = int.Parse(args[2], CultureInfo.InvariantCulture);
}

var subjects = new TableSchema("subjects", "subjects.csv", "id", null, null,
[
    new ColumnSchema("id", ColumnKind.Text),
    new ColumnSchema("arm", ColumnKind.Category, Levels: ["A", "B", "C", "D"]),
    new ColumnSchema("x1", ColumnKind.Number),
    new ColumnSchema("x2", ColumnKind.Number),
    new ColumnSchema("x3", ColumnKind.Number),
    new ColumnSchema("time", ColumnKind.Number, Min: 0),
    new ColumnSchema("status", ColumnKind.Bool),
    new ColumnSchema("y", ColumnKind.Number),
]);
var schema = new StudySchema("Bench", null, null, "empty.study", new string('0', 64), [subjects]);

var seconds = new double[runs];
var cpu = new double[runs];
var idSeconds = new double[runs];
var process = System.Diagnostics.Process.GetCurrentProcess();
long retained = 0, allocated = 0;
var rows = 0;
for (var i = 0; i < runs; i++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var data = DataLoader.Load(schema, folder);
    watch.Stop();
    process.Refresh();
    cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    retained = GC.GetTotalMemory(forceFullCollection: true) - before;
    rows = data.Tables[0].RowCount;
    if (data.HasFatalProblems || data.ProblemCount != 0)
    {
        Console.Error.WriteLine($"unexpected problems: {data.ProblemCount}");
        return 1;
    }

    seconds[i] = watch.Elapsed.TotalSeconds;

    // Generated code reads the id column as strings (one per subject); timed apart, since the load no longer makes them.
    var ids = Stopwatch.StartNew();
    var strings = data.Tables[0].Text("id");
    idSeconds[i] = ids.Elapsed.TotalSeconds;
    GC.KeepAlive(strings);
    GC.KeepAlive(data);
}

Array.Sort(seconds);
Array.Sort(cpu);
Array.Sort(idSeconds);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rows {rows}  median {seconds[runs / 2]:F3} s  min {seconds[0]:F3} s  CPU median {cpu[runs / 2]:F3} s  min {cpu[0]:F3} s  "
    + $"retained {retained / (double)rows:F1} B/subject  allocated {allocated / (double)rows:F1} B/subject  ids as strings median {idSeconds[runs / 2]:F3} s"));
return 0;
