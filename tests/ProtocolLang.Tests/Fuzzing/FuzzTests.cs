using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ProtocolLang.Fuzzing;
using ProtocolLang.Tests.Parsing;

namespace ProtocolLang.Tests.Fuzzing;

/// <summary>
/// A few thousand cases of benchmarks/Fuzz inside the suite (the harness itself runs >= 100,000):
/// no unhandled exception, no case over the time limit, every diagnostic span inside the file.
/// Seeds are fixed, so a failure names a case that reproduces with <c>--case FILE:SEED</c>.
/// </summary>
public class FuzzTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static string[] Seeds() =>
        new[] { Path.Combine(ParserTestHelpers.RepositoryRoot(), "examples", "Nxp2Jdm", "nxp2_jdm.study") }
            .Concat(Directory.GetFiles(ParserTestHelpers.TestFilesDirectory("good"), "*.study").OrderBy(f => f, StringComparer.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();

    [Fact]
    public void TruncatingTheExampleAtEveryOtherByteGivesDiagnosticsNotCrashes()
    {
        var bytes = Encoding.UTF8.GetBytes(Seeds()[0]);

        var failures = Run(Enumerable.Range(0, (bytes.Length / 2) + 1).Select(i => Math.Min(bytes.Length, i * 2)), cut => StudyMutator.TruncateAtByte(bytes, cut));

        Assert.Empty(failures);
    }

    [Fact]
    public void AThousandMutatedStudiesGiveDiagnosticsNotCrashesOrHangs()
    {
        var seeds = Seeds();

        var failures = Run(Enumerable.Range(0, 1_000), i => StudyMutator.Mutate(seeds[i % seeds.Length], 77_000 + i).Text);

        Assert.Empty(failures);
    }

    private static string[] Run(System.Collections.Generic.IEnumerable<int> cases, Func<int, string> text)
    {
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var outcome = FuzzCase.Run(text(i), Timeout);
            if (outcome.Exception is not null || outcome.Hung || outcome.SpanProblems.Count > 0)
            {
                failures.Add($"case {i}: {outcome.Exception?.ToString() ?? (outcome.Hung ? "hang" : outcome.SpanProblems[0])}");
            }
        });
        return failures.OrderBy(f => f, StringComparer.Ordinal).ToArray();
    }
}
