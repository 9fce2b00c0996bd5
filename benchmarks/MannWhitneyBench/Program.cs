using System;
using System.Diagnostics;
using System.Globalization;
using ProtocolLang.Runtime.Statistics;

// Times what `compare ... using mann_whitney` does on the normal path: the rank-sum test and the
// Hodges-Lehmann shift with its CI (wilcox.test(x, y, conf.int = TRUE)). Two groups of n each,
// normal with a shift of 0.3, once continuous and once rounded to one decimal so that the pooled
// sample has many ties (the tie-corrected variance is exercised). Fixed seed; after a warm-up,
// the median of 3 runs.
var sizes = args.Length > 0 ? Array.ConvertAll(args, a => int.Parse(a, CultureInfo.InvariantCulture)) : [10_000, 100_000, 500_000];
Measure(1_000, tied: true);
foreach (var n in sizes)
{
    Measure(n, tied: false);
    Measure(n, tied: true);
}

static void Measure(int n, bool tied)
{
    var random = new Random(20261201);
    double[] x = Sample(random, n, 0.3, tied);
    double[] y = Sample(random, n, 0, tied);
    var test = new double[3];
    var shift = new double[3];
    HodgesLehmannResult result = HodgesLehmann.Shift(x, y, exact: false, continuityCorrection: true);
    for (var run = 0; run < 3; run++)
    {
        var watch = Stopwatch.StartNew();
        MannWhitney.Test(x, y);
        test[run] = watch.Elapsed.TotalSeconds;
        watch.Restart();
        result = HodgesLehmann.Shift(x, y, exact: false, continuityCorrection: true);
        shift[run] = watch.Elapsed.TotalSeconds;
    }

    Array.Sort(test);
    Array.Sort(shift);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"n = {n,7} per group, {(tied ? "tied" : "continuous"),10}: test {test[1],8:0.0000} s, Hodges-Lehmann {shift[1],8:0.0000} s (estimate {result.Estimate:R}, CI {result.Low:R} .. {result.High:R})"));
}

static double[] Sample(Random random, int n, double mean, bool tied)
{
    var values = new double[n];
    for (var i = 0; i < n; i++)
    {
        // Box-Muller; rounding to 0.1 gives tie groups of hundreds at these sizes.
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        values[i] = tied ? Math.Round((mean + z) * 10) / 10 : mean + z;
    }

    return values;
}
