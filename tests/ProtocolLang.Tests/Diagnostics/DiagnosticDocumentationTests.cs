using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ProtocolLang.Diagnostics;
using ProtocolLang.Tests.Parsing;

namespace ProtocolLang.Tests.Diagnostics;

/// <summary>
/// <c>docs/diagnostics.md</c> and <see cref="DiagnosticDescriptors"/> list the same IDs, with the
/// same severity and title, each ID in the section of its phase. Covers the compile-time phases
/// (PL1xxx-PL3xxx); the runtime's tests do the same for PL4xxx and PL5xxx.
/// </summary>
public class DiagnosticDocumentationTests
{
    private static readonly Regex Row = new(@"^\|\s*(PL\d{4})\s*\|\s*(\w+)\s*\|\s*([^|]+?)\s*\|", RegexOptions.CultureInvariant);

    private static readonly Dictionary<char, string> SectionByPhase = new()
    {
        ['1'] = "Syntax",
        ['2'] = "Binding",
        ['3'] = "Generation",
        ['4'] = "Data",
        ['5'] = "Statistics",
    };

    private static List<DiagnosticDescriptor> Descriptors()
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        var type = typeof(DiagnosticDescriptors);
        return type.GetFields(flags).Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .Concat(type.GetProperties(flags).Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => (DiagnosticDescriptor)p.GetValue(null)!))
            .ToList();
    }

    /// <summary>(ID, severity, title, section heading) for every table row of the document.</summary>
    private static List<(string Id, string Severity, string Title, string Section)> DocumentedRows()
    {
        var rows = new List<(string, string, string, string)>();
        var section = string.Empty;
        foreach (var line in File.ReadAllLines(Path.Combine(ParserTestHelpers.RepositoryRoot(), "docs", "diagnostics.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line.Substring(3);
            }

            var match = Row.Match(line);
            if (match.Success)
            {
                rows.Add((match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, section));
            }
        }

        return rows;
    }

    [Fact]
    public void EveryDescriptorIsDocumentedWithItsSeverityAndTitle()
    {
        var documented = DocumentedRows().ToDictionary(r => r.Id, StringComparer.Ordinal);

        Assert.All(Descriptors(), d =>
        {
            Assert.True(documented.TryGetValue(d.Id, out var row), d.Id + " is missing from docs/diagnostics.md");
            Assert.Equal(d.Severity.ToString(), row.Severity);
            Assert.Equal(d.Title, row.Title);
            Assert.StartsWith(SectionByPhase[d.Id[2]], row.Section, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryDocumentedIdHasADescriptor()
    {
        var ids = Descriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        // PL4xxx (data) and PL5xxx (statistics) are run-time codes of the runtime; its own tests check them.
        Assert.All(DocumentedRows().Where(row => row.Id[2] is '1' or '2' or '3'), row => Assert.True(ids.Contains(row.Id), row.Id + " is documented but has no descriptor"));
    }

    [Fact]
    public void IdsAreUniqueAndWellFormed()
    {
        var descriptors = Descriptors();
        var documented = DocumentedRows();

        Assert.NotEmpty(descriptors);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(documented.Count, documented.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(descriptors, d => Assert.Matches(@"^PL[1-5]\d{3}$", d.Id));
    }

    [Fact]
    public void EveryMessageFormatIsAValidFormatString()
    {
        Assert.All(Descriptors(), d =>
        {
            var args = Enumerable.Repeat<object?>("x", 8).ToArray();
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, d.MessageFormat, args);
            Assert.False(string.IsNullOrWhiteSpace(message));
        });
    }
}
