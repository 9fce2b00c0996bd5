using System;
using System.Diagnostics;
using System.Globalization;
using ProtocolLang.Runtime.Statistics;
using ProtocolLang.Runtime.Statistics.Survival;

// A cheap guard on how the sort-bound kernels scale (issue 14, item 6): in one process, the time of
// each kernel at N = 10^5 divided by its time at N = 10^4, each the best of K batches, exits 1 when a
// ratio is above the bound. A ratio cancels the machine's speed; best-of-K drops the batches another
// process slowed down. The kernels are O(n) (radix sorts) or O(n log n): a tenfold N costs ×10 to
// ×12.5, and leaving the caches at 10^5 adds up to ~1.5× (measured ×6-×16 on the shared 2-core machine, 2026-12-07).
// The bound, ×25, is far below what a quadratic step would give (×100), so it fails only on a real
// regression in the order of growth. Usage: dotnet run -c Release --project benchmarks/ScalingGuard [-- K bound]
int k = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
double bound = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 25;

var kernels = new (string Name, Func<int, Action> Prepare)[]
{
    ("box statistics (radix sort of values)", n => { double[] v = Values(n, 1); return () => BoxStatistics.Of(v); }),
    ("Mann-Whitney (pooled sort)", n => { double[] x = Values(n / 2, 2), y = Values(n / 2, 3); return () => MannWhitney.Test(x, y); }),
    ("Kruskal-Wallis (pooled sort)", n => { double[][] g = [Values(n / 4, 4), Values(n / 4, 5), Values(n / 4, 6), Values(n / 4, 7)]; return () => KruskalWallis.Test(g); }),
    ("Hodges-Lehmann shift and CI", n => { double[] x = Values(n / 2, 8), y = Values(n / 2, 9); return () => HodgesLehmann.Shift(x, y, exact: false, continuityCorrection: true); }),
    ("survival counts and Kaplan-Meier", n => { (double[] t, int[] s, int[] g) = Survival(n, 10); return () => KaplanMeier.Fit(SurvivalCounts.FromSubjects(t, s, g, 4)); }),
};

bool failed = false;
foreach (var (name, prepare) in kernels)
{
    (double small, double large) = Best(prepare(10_000), 10_000, prepare(100_000), 100_000, k);
    double ratio = large / small;
    bool bad = ratio > bound;
    failed |= bad;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(bad ? "FAIL" : "ok  ")} {name,-40} 10^4 {small * 1e3,8:0.000} ms  10^5 {large * 1e3,8:0.000} ms  ratio {ratio,6:0.0} (bound {bound:0.#})"));
}

return failed ? 1 : 0;

// Seconds of one call at each size: the best of K batches, the sizes' batches taken in turn (so a slow spell of the
// machine hits both), each batch repeating the call so that it does 10^6 values' work (ten calls at 10^4, one at
// 10^5), after one untimed round.
static (double Small, double Large) Best(Action small, int nSmall, Action large, int nLarge, int k)
{
    double bestSmall = double.MaxValue, bestLarge = double.MaxValue;
    for (int batch = 0; batch <= k; batch++)
    {
        double s = Time(small, Math.Max(1, 1_000_000 / nSmall / 10));
        double l = Time(large, Math.Max(1, 1_000_000 / nLarge / 10));
        if (batch > 0)
        {
            bestSmall = Math.Min(bestSmall, s);
            bestLarge = Math.Min(bestLarge, l);
        }
    }

    return (bestSmall, bestLarge);
}

static double Time(Action work, int repeat)
{
    var watch = Stopwatch.StartNew();
    for (int r = 0; r < repeat; r++)
    {
        work();
    }

    return watch.Elapsed.TotalSeconds / repeat;
}

// Normal values rounded to 0.01 (ties, as the benchmark cohort's y), fixed seed.
static double[] Values(int n, int seed)
{
    var random = new Random(seed);
    var values = new double[n];
    for (int i = 0; i < n; i++)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        values[i] = Math.Round(10 + (3 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v)), 2);
    }

    return values;
}

// Exponential times rounded to 0.1, ~70 % events, 4 groups, fixed seed.
static (double[] Time, int[] Status, int[] Group) Survival(int n, int seed)
{
    var random = new Random(seed);
    var time = new double[n];
    var status = new int[n];
    var group = new int[n];
    for (int i = 0; i < n; i++)
    {
        group[i] = random.Next(4);
        time[i] = Math.Round(-Math.Log(1 - random.NextDouble()) * (10 + (2 * group[i])), 1);
        status[i] = random.NextDouble() < 0.7 ? 1 : 0;
    }

    return (time, status, group);
}
