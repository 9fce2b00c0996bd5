using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using ProtocolLang;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

// Times what `check` does for a study with N unknown-column errors: parse, bind (with did-you-mean),
// and write every diagnostic. Each size runs after a warm-up; the best of three runs is printed.
var sizes = args.Length > 0 ? Array.ConvertAll(args, int.Parse) : [1_000, 10_000];
Measure("warm-up", DerivesOfUnknownColumns(200));
foreach (var n in sizes)
{
    Measure($"derives n={n}", DerivesOfUnknownColumns(n));
    Measure($"columns n={n}", UnknownColumnsAmongMany(n));
}

static void Measure(string label, string text)
{
    var best = TimeSpan.MaxValue;
    var parseBest = TimeSpan.MaxValue;
    var count = 0;
    for (var run = 0; run < 3; run++)
    {
        var parseWatch = Stopwatch.StartNew();
        StudyParser.Parse(new SourceText("bench.study", text));
        parseWatch.Stop();
        var watch = Stopwatch.StartNew();
        var compilation = StudyCompiler.Compile("bench.study", text);
        var writer = new StringWriter();
        foreach (var diagnostic in compilation.Diagnostics)
        {
            writer.WriteLine(diagnostic.ToString());
        }

        watch.Stop();
        count = compilation.Diagnostics.Length;
        best = watch.Elapsed < best ? watch.Elapsed : best;
        parseBest = parseWatch.Elapsed < parseBest ? parseWatch.Elapsed : parseBest;
    }

    Console.WriteLine($"{label,-16}: {count,6} diagnostics, compile + write {best.TotalSeconds:0.000} s (of which parse {parseBest.TotalSeconds:0.000} s)");
}

// n derives, each naming a column that does not exist: every derive name is a candidate for every error.
static string DerivesOfUnknownColumns(int n)
{
    var b = new StringBuilder("study Bench {\n  table subjects from \"s.csv\" key id {\n    id: text\n    x: number\n");
    for (var i = 0; i < n; i++)
    {
        b.Append("    derive d").Append(i).Append(" = u").Append(i).Append(" + x\n");
    }

    return b.Append("  }\n}\n").ToString();
}

// n columns and n derives naming a near miss of a column (two letters swapped): every lookup has a close candidate.
static string UnknownColumnsAmongMany(int n)
{
    var b = new StringBuilder("study Bench {\n  table subjects from \"s.csv\" key id {\n    id: text\n");
    for (var i = 0; i < n; i++)
    {
        b.Append("    column_").Append(i).Append(": number\n");
    }

    for (var i = 0; i < n; i++)
    {
        b.Append("    derive d").Append(i).Append(" = colunm_").Append(i).Append('\n');
    }

    return b.Append("  }\n}\n").ToString();
}
