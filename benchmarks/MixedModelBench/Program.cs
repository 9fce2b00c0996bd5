using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ProtocolLang.Benchmarks.MixedModelBench;
using ProtocolLang.Runtime.Statistics.Mixed;

// Usage: dotnet run -c Release --project benchmarks/MixedModelBench -- [subjects] [visits] [repeats] [--missing 0.15] [--csv path]
// Fits y ~ group * factor(visit) + (1 | id) and + (visit | id) by REML, times each fit (median
// of the repeats, after one warm-up fit), and optionally writes the data for mixed_bench.R.
int csv = Array.IndexOf(args, "--csv"), missingAt = Array.IndexOf(args, "--missing");
string[] positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (csv < 0 || i != csv + 1) && (missingAt < 0 || i != missingAt + 1)).ToArray();
int subjects = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 10_000;
int visits = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10;
int repeats = positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 3;
double missing = missingAt >= 0 ? double.Parse(args[missingAt + 1], CultureInfo.InvariantCulture) : 0;

var data = SimulatedData.Create(subjects, visits, seed: 20261125, missing);
if (csv >= 0)
{
    data.WriteCsv(args[csv + 1]);
    Console.WriteLine($"wrote {args[csv + 1]}");
}

var group = DesignVariable.Factor("group", data.Group, SimulatedData.GroupLevels);
var visitLevels = Enumerable.Range(0, visits).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
var visitFactor = DesignVariable.Factor("factor(visit)", data.Visit.Select(v => (int)v).ToArray(), visitLevels);
var design = FixedEffectsDesign.Build(data.Y.Length, [group, visitFactor], [[0], [1], [0, 1]]);
var models = new (string Name, MixedModelInput Input)[]
{
    ("(1 | id)", new MixedModelInput(data.Y, design, data.Subject, data.Subjects, RandomIntercept: true)),
    ("(visit | id)", new MixedModelInput(data.Y, design, data.Subject, data.Subjects, RandomIntercept: true, data.Visit, "visit")),
};

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subjects} subjects x {visits} visits, {data.Y.Length} rows, {design.Columns} fixed effects"));
foreach (var (name, input) in models)
{
    MixedModelFit fit = LinearMixedModel.Fit(input);
    var seconds = new double[repeats];
    for (int k = 0; k < repeats; k++)
    {
        var watch = Stopwatch.StartNew();
        fit = LinearMixedModel.Fit(input);
        seconds[k] = watch.Elapsed.TotalSeconds;
    }

    Array.Sort(seconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"y ~ group * factor(visit) + {name}: median {seconds[repeats / 2]:F3} s of {repeats} [{string.Join(", ", seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]; REML {fit.Criterion:F6}, sigma {fit.Sigma:F6}, theta [{string.Join(", ", fit.Theta.Select(t => t.ToString("F6", CultureInfo.InvariantCulture)))}], {fit.Convergence.Evaluations} evaluations"));

    // The same fit in its two halves: the pass over the rows into the model's sums, and the fit from the sums alone
    // (what an engine's GROUP BY subject would feed it).
    var pass = Stopwatch.StartNew();
    MixedModelCrossProducts sums = MixedModelCrossProducts.FromRows(input);
    double passSeconds = pass.Elapsed.TotalSeconds;
    var fromSums = Stopwatch.StartNew();
    MixedModelFit sumsFit = LinearMixedModel.Fit(sums);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  sums from rows {passSeconds:F3} s, fit from sums {fromSums.Elapsed.TotalSeconds:F3} s; REML {sumsFit.Criterion:F6}"));
}
