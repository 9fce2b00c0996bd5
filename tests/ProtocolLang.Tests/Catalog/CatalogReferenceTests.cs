using System;
using System.IO;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Tests.Binding;

namespace ProtocolLang.Tests.Catalog;

/// <summary>docs/language.md's analysis reference is the catalog; the catalog is consistent with itself.</summary>
public class CatalogReferenceTests
{
    [Fact]
    public void TheLanguageReferenceEqualsTheCatalog()
    {
        var path = Path.Combine(TestStudies.RepositoryRoot, "docs", "language.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = text.IndexOf(CatalogReference.BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(CatalogReference.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/language.md has the catalog markers");
        var start = begin + CatalogReference.BeginMarker.Length;
        var expected = "\n" + CatalogReference.Markdown();
        if (string.Equals(Environment.GetEnvironmentVariable("PROTOCOLLANG_UPDATE_DOCS"), "1", StringComparison.Ordinal))
        {
            File.WriteAllText(path, text.Substring(0, start) + expected + text.Substring(end));
            return;
        }

        Assert.Equal(expected, text.Substring(start, end - start));
    }

    [Fact]
    public void EveryOptionOfEveryKindIsARegisteredClause()
    {
        Assert.All(AnalysisCatalog.Kinds.SelectMany(k => k.Options), o => Assert.NotNull(AnalysisCatalog.Clause(o.Name)));
    }

    [Fact]
    public void EveryKindTakesTheScopeClauses()
    {
        Assert.All(AnalysisCatalog.Kinds, k => Assert.All(new[] { "by", "overall", "where", "in", "within", "as" }, c => Assert.NotNull(k.Option(c))));
    }

    [Fact]
    public void KindsAreFoundByVerbAndKindWord()
    {
        Assert.Equal("cox", AnalysisCatalog.Find("model", "cox")!.Name);
        Assert.Equal("describe", AnalysisCatalog.Find("describe", null)!.Name);
        Assert.Null(AnalysisCatalog.Find("test", "cox"));
        Assert.Equal("linear", AnalysisCatalog.Find("model", "linear")!.Name);
        Assert.Equal("logistic", AnalysisCatalog.Find("model", "logistic")!.Name);
        Assert.Null(AnalysisCatalog.Find("model", "ordinal"));
    }

    [Fact]
    public void EveryVerbOfAKindIsADeclarationVerb()
    {
        Assert.All(AnalysisCatalog.Kinds, k => Assert.Contains(AnalysisCatalog.Verbs, v => v.Name == k.Verb && v.TakesKind == k.HasKindWord));
    }
}
