using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class StatisticsWarningsDocsTests
{
    [Fact]
    public void TheDiagnosticsPageDocumentsExactlyTheStatisticsWarningCodes()
    {
        var codes = typeof(StatisticsWarnings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        string page = File.ReadAllText(FindRepositoryFile("docs/diagnostics.md"));
        string section = page[page.IndexOf("## Statistics (PL5xxx)", StringComparison.Ordinal)..];
        var documented = Regex.Matches(section, @"^\| (PL5\d{3}) \| (Warning|Info) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

        Assert.Equal(codes, documented);
    }

    private static string FindRepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' not found above {AppContext.BaseDirectory}.");
    }
}
