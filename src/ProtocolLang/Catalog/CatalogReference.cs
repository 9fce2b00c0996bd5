using System.Linq;
using System.Text;

namespace ProtocolLang.Catalog;

/// <summary>
/// The analysis part of docs/language.md, written from the catalog so the reference cannot drift from what the
/// parser and binder accept. A test compares it with the text between <c>&lt;!-- catalog:begin --&gt;</c> and
/// <c>&lt;!-- catalog:end --&gt;</c>.
/// </summary>
public static class CatalogReference
{
    public const string BeginMarker = "<!-- catalog:begin -->";

    public const string EndMarker = "<!-- catalog:end -->";

    /// <summary>Markdown, <c>\n</c> line ends, deterministic.</summary>
    public static string Markdown()
    {
        var b = new StringBuilder();
        b.Append("<!-- Generated from src/ProtocolLang/Catalog/AnalysisCatalog.cs; PROTOCOLLANG_UPDATE_DOCS=1 dotnet test tests/ProtocolLang.Tests rewrites it. -->\n\n");
        b.Append("Every analysis is `verb [kind] head { clause }`; clauses come in any order, each at most once.\n\n");
        b.Append("| Kind | Written | Head | Accepts | R |\n|------|---------|------|---------|---|\n");
        foreach (var kind in AnalysisCatalog.Kinds)
        {
            b.Append("| [").Append(kind.Name).Append("](#analysis-").Append(kind.Name.Replace('_', '-')).Append(") | `").Append(kind.Keywords)
                .Append("` | ").Append(HeadText(kind.Head)).Append(" | ").Append(string.Join(", ", kind.Accepts)).Append(" | `")
                .Append(Cell(kind.REquivalent)).Append("` |\n");
        }

        b.Append("\nClause values, the same for every kind:\n\n| Clause | Value |\n|--------|-------|\n");
        foreach (var clause in AnalysisCatalog.Clauses)
        {
            b.Append("| `").Append(clause.Keyword).Append("` | ").Append(ShapeText(clause)).Append(" |\n");
        }

        foreach (var kind in AnalysisCatalog.Kinds)
        {
            b.Append("\n### <a id=\"analysis-").Append(kind.Name.Replace('_', '-')).Append("\"></a>`").Append(kind.Keywords).Append("`\n\n");
            b.Append(kind.Doc).Append(" R: `").Append(kind.REquivalent).Append("`. Head: ").Append(HeadText(kind.Head))
                .Append(" (").Append(string.Join(", ", kind.Accepts)).Append(").");
            if (!kind.Required.IsEmpty)
            {
                b.Append(" Required: ").Append(string.Join("; ", kind.Required.Select(r => string.Join(" or ", r.Select(k => "`" + k + "`"))))).Append('.');
            }

            b.Append(" With `compute in engine`: ").Append(kind.Engine.Supported ? "computed from " + kind.Engine.Statistics : "not yet, " + kind.Engine.Reason).Append('.');
            b.Append("\n\n| Option | Value | Allowed | Default | R | What it does |\n|--------|-------|---------|---------|---|--------------|\n");
            foreach (var option in kind.Options)
            {
                var clause = AnalysisCatalog.Clause(option.Name)!;
                b.Append("| `").Append(option.Name).Append("` | ").Append(ShapeText(clause)).Append(" | ")
                    .Append(option.Allowed.IsEmpty ? "—" : string.Join(", ", option.Allowed.Select(a => "`" + a + "`"))).Append(" | ")
                    .Append(option.Default is null ? "—" : "`" + option.Default + "`").Append(" | `").Append(Cell(option.REquivalent)).Append("` | ")
                    .Append(Cell(option.Doc)).Append(" |\n");
            }
        }

        b.Append("\nNot available yet (they are recognised and reported as such, PL2101): ")
            .Append(string.Join(", ", AnalysisCatalog.Planned.Select(p => "`" + p.Verb + " " + p.Name + "` (" + p.REquivalent + ")"))).Append(".\n");
        return b.ToString();
    }

    private static string HeadText(HeadShape head) => head switch
    {
        HeadShape.Variables => "variables",
        HeadShape.Outcome => "one outcome",
        _ => "a formula",
    };

    private static string ShapeText(ClauseDefinition clause) => clause.Shape switch
    {
        ClauseShape.Flag => "flag (no value)",
        ClauseShape.Word => "a word: " + clause.Value,
        ClauseShape.WordList => "words, comma-separated: " + clause.Value,
        ClauseShape.Number => "a number: " + clause.Value,
        ClauseShape.NumberList => "numbers, comma-separated: " + clause.Value,
        ClauseShape.Expression => "an expression: " + clause.Value,
        ClauseShape.ExpressionList => "expressions, comma-separated: " + clause.Value,
        ClauseShape.References => "references, comma-separated: `Level` or `variable = Level`",
        ClauseShape.Pairing => "a pairing: `A vs B`, `A vs each`, `A vs (B, C)` or `all pairs`",
        ClauseShape.Identifier => "a name: " + clause.Value,
        ClauseShape.NumberAssignments => "numbers, comma-separated, each `n` (for all) or `variable = n`: " + clause.Value,
        _ => "a test name, then the words that tune the test (exact, approximate, no_correct, no_conf_int, mean, conditional, beneficial, harmful)",
    };

    /// <summary>A table cell: a <c>|</c> would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|");
}
