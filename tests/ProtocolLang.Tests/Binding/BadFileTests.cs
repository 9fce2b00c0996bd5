using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Binding;

/// <summary>
/// Runs every <c>TestFiles/bad/2NN-name.study</c> (binding errors) and compares its diagnostics with
/// <c>2NN-name.diagnostics.txt</c>: one <c>PL2xxx line:col</c> per line, 1-based, in source order.
/// </summary>
public class BadFileTests
{
    public static IEnumerable<object[]> BindingCases() =>
        Directory.GetFiles(Path.Combine(System.AppContext.BaseDirectory, "TestFiles", "bad"), "2*.study")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(BindingCases))]
    public void BadStudyReportsExactlyTheExpectedDiagnostics(string name)
    {
        var folder = Path.Combine(System.AppContext.BaseDirectory, "TestFiles", "bad");
        var text = File.ReadAllText(Path.Combine(folder, name + ".study"));
        var expected = File.ReadAllLines(Path.Combine(folder, name + ".diagnostics.txt")).Where(l => l.Length > 0).ToArray();

        var result = TestStudies.Bind(text, name + ".study");
        var actual = result.Diagnostics.Select(d => d.Id + " " + Position(d.Location.LineSpan.Start)).ToArray();

        Assert.True(expected.SequenceEqual(actual),
            "expected:\n" + string.Join("\n", expected) + "\nactual:\n" + string.Join("\n", result.Diagnostics));
    }

    private static string Position(LinePosition position) => position.ToDisplayString().Replace(',', ':');
}
