using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolLang.Fuzzing;

// dotnet run -c Release --project benchmarks/Fuzz -- [--cases N] [--seed S] [--timeout SECONDS] [--jobs J] [--case FILE:SEED]
// Truncates every seed study at every byte, then mutates them at random until N cases have run, and
// prints cases, unhandled exceptions, hangs, diagnostics outside the file and the slowest case.
var options = Options.Parse(args);
var root = RepositoryRoot();
var seeds = new List<(string Name, string Text)> { Read(root, "examples/Nxp2Jdm/nxp2_jdm.study") };
seeds.AddRange(Directory.GetFiles(Path.Combine(root, "tests/ProtocolLang.Tests/TestFiles/good"), "*.study")
    .OrderBy(p => p, StringComparer.Ordinal)
    .Select(p => Read(root, Path.GetRelativePath(root, p))));

if (options.Single is { } single)
{
    var (file, seed) = single;
    var original = seeds.First(s => s.Name.EndsWith(file, StringComparison.Ordinal)).Text;
    var (text, description) = StudyMutator.Mutate(original, seed);
    Console.WriteLine(description);
    var outcome = FuzzCase.Run(text, options.Timeout);
    Console.WriteLine(outcome.Exception?.ToString() ?? (outcome.Hung ? "hang" : $"ok, {outcome.Diagnostics} diagnostics, {outcome.Elapsed.TotalMilliseconds:0} ms"));
    File.WriteAllText("fuzz-case.study", text);
    return outcome.Exception is null && !outcome.Hung ? 0 : 1;
}

var cases = new List<(int Seed, int Case, string Kind)>();
for (var s = 0; s < seeds.Count; s++)
{
    var length = Encoding.UTF8.GetByteCount(seeds[s].Text);
    for (var cut = 0; cut <= length; cut++)
    {
        cases.Add((s, cut, "truncate"));
    }
}

for (var i = 0; cases.Count < options.Cases; i++)
{
    cases.Add((i % seeds.Count, unchecked((options.Seed * 1_000_003) + i), "mutate"));
}

var failures = new ConcurrentQueue<string>();
var exceptions = 0;
var hangs = 0;
var spanProblems = 0;
var generated = 0;
var done = 0;
var slowest = (Elapsed: TimeSpan.Zero, Label: string.Empty);
var slowestLock = new object();
var utf8 = seeds.Select(s => Encoding.UTF8.GetBytes(s.Text)).ToArray();
var watch = Stopwatch.StartNew();
Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, item =>
{
    var (text, description) = item.Kind == "truncate"
        ? (StudyMutator.TruncateAtByte(utf8[item.Seed], item.Case), $"truncate at byte {item.Case}")
        : StudyMutator.Mutate(seeds[item.Seed].Text, item.Case);
    var label = $"{seeds[item.Seed].Name} {item.Kind} {item.Case.ToString(CultureInfo.InvariantCulture)} ({description})";
    var outcome = FuzzCase.Run(text, options.Timeout);
    if (outcome.Exception is not null)
    {
        Interlocked.Increment(ref exceptions);
        failures.Enqueue($"exception: {label}\n    {outcome.Exception.GetType().Name}: {outcome.Exception.Message}\n    {FirstFrame(outcome.Exception)}");
    }

    if (outcome.Hung)
    {
        Interlocked.Increment(ref hangs);
        failures.Enqueue($"hang (> {options.Timeout.TotalSeconds} s): {label}");
    }

    if (outcome.SpanProblems.Count > 0)
    {
        Interlocked.Increment(ref spanProblems);
        failures.Enqueue($"span: {label}\n    {outcome.SpanProblems[0]}");
    }

    if (outcome.Generated)
    {
        Interlocked.Increment(ref generated);
    }

    lock (slowestLock)
    {
        if (outcome.Elapsed > slowest.Elapsed)
        {
            slowest = (outcome.Elapsed, label);
        }
    }

    var count = Interlocked.Increment(ref done);
    if (count % 10_000 == 0)
    {
        Console.Error.WriteLine($"  {count} cases, {watch.Elapsed.TotalSeconds:0} s");
    }
});

foreach (var failure in failures.Take(30))
{
    Console.WriteLine(failure);
}

Console.WriteLine($"seed studies:          {string.Join(", ", seeds.Select(s => s.Name))}");
Console.WriteLine($"cases:                 {done} ({cases.Count(c => c.Kind == "truncate")} truncations at every byte, {cases.Count(c => c.Kind == "mutate")} mutations, seed {options.Seed})");
Console.WriteLine($"emitted C# (no errors): {generated}");
Console.WriteLine($"unhandled exceptions:  {exceptions}");
Console.WriteLine($"hangs (> {options.Timeout.TotalSeconds:0} s):         {hangs}");
Console.WriteLine($"spans outside file:    {spanProblems}");
Console.WriteLine($"slowest case:          {slowest.Elapsed.TotalMilliseconds:0} ms: {slowest.Label}");
Console.WriteLine($"total time:            {watch.Elapsed.TotalSeconds:0} s on {options.Jobs} thread(s)");
return exceptions + hangs + spanProblems == 0 ? 0 : 1;

static string FirstFrame(Exception e) =>
    (e.StackTrace ?? string.Empty).Split('\n').FirstOrDefault(l => l.Contains("ProtocolLang", StringComparison.Ordinal))?.Trim() ?? string.Empty;

static (string, string) Read(string root, string relative) =>
    (relative.Replace('\\', '/'), File.ReadAllText(Path.Combine(root, relative)));

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ProtocolLang.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("ProtocolLang.sln not found above " + AppContext.BaseDirectory);
}

internal sealed record Options(int Cases, int Seed, TimeSpan Timeout, int Jobs, (string File, int Seed)? Single)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(100_000, 1, TimeSpan.FromSeconds(10), 2, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--cases" => options with { Cases = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--jobs" => options with { Jobs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--case" => options with { Single = (value.Split(':')[0], int.Parse(value.Split(':')[1], CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
        }

        return options;
    }
}
