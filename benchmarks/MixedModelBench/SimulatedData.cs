using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ProtocolLang.Benchmarks.MixedModelBench;

/// <summary>
/// Simulated repeated measures: subjects in three groups, visits 0..V−1, a random intercept and
/// slope per subject and normal noise. Written to CSV so that the R script fits the same rows.
/// A fixed seed and .NET's seeded <see cref="Random"/> make the data reproducible.
/// </summary>
internal sealed record SimulatedData(double[] Y, int[] Subject, int[] Group, double[] Visit, int Subjects, int Visits)
{
    public static readonly string[] GroupLevels = ["A", "B", "C"];

    /// <param name="missing">Fraction of visits dropped at random (each subject keeps its first), for an unbalanced design.</param>
    public static SimulatedData Create(int subjects, int visits, int seed, double missing = 0)
    {
        var random = new Random(seed);
        int n = subjects * visits;
        var y = new double[n];
        var subject = new int[n];
        var group = new int[n];
        var visit = new double[n];
        for (int s = 0, r = 0; s < subjects; s++)
        {
            int g = s % GroupLevels.Length;
            double b0 = 0.8 * Normal(random), b1 = 0.15 * Normal(random);
            for (int v = 0; v < visits; v++, r++)
            {
                subject[r] = s;
                group[r] = g;
                visit[r] = v;
                y[r] = 2 + (0.3 * g) + (0.05 * v) + (0.02 * g * v) + b0 + (b1 * v) + (0.5 * Normal(random));
            }
        }

        if (missing > 0)
        {
            var keep = Enumerable.Range(0, n).Where(r => visit[r] == 0 || random.NextDouble() >= missing).ToArray();
            return new SimulatedData(keep.Select(r => y[r]).ToArray(), keep.Select(r => subject[r]).ToArray(),
                keep.Select(r => group[r]).ToArray(), keep.Select(r => visit[r]).ToArray(), subjects, visits);
        }

        return new SimulatedData(y, subject, group, visit, subjects, visits);
    }

    public void WriteCsv(string path)
    {
        var text = new StringBuilder("id,group,visit,y\n");
        for (int r = 0; r < Y.Length; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Subject[r] + 1},{GroupLevels[Group[r]]},{Visit[r]},{Y[r]:R}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Box–Muller; one draw per call (the second is discarded, for simplicity).</summary>
    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
