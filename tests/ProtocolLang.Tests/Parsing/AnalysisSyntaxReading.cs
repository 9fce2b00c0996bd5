using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Syntax;

namespace ProtocolLang.Tests.Parsing;

/// <summary>Reads the generic analysis syntax in tests: head names and clause values by keyword.</summary>
internal static class AnalysisSyntaxReading
{
    public static AnalysisSyntax Analysis(string declaration) => ParserTestHelpers.Single<AnalysisSyntax>(declaration);

    /// <summary>The head items' text when each is a plain name.</summary>
    public static IEnumerable<string> HeadNames(this AnalysisSyntax analysis) =>
        ((ListHeadSyntax)analysis.Head).Items.Select(i => ((NameExpressionSyntax)i).Name.Name);

    public static FormulaSyntax Formula(this AnalysisSyntax analysis) => ((FormulaHeadSyntax)analysis.Head).Formula;

    public static string? Word(this AnalysisSyntax analysis, string keyword) =>
        (analysis.Clause(keyword)?.Value as WordValueSyntax)?.Word.Name;

    public static IEnumerable<string> Words(this AnalysisSyntax analysis, string keyword) =>
        ((WordListValueSyntax?)analysis.Clause(keyword)?.Value)?.Words.Select(w => w.Name) ?? [];

    public static NumberSyntax? Number(this AnalysisSyntax analysis, string keyword) =>
        (analysis.Clause(keyword)?.Value as NumberValueSyntax)?.Number;

    public static IEnumerable<double> Numbers(this AnalysisSyntax analysis, string keyword) =>
        ((NumberListValueSyntax?)analysis.Clause(keyword)?.Value)?.Numbers.Select(n => n.Value) ?? [];

    public static ExpressionSyntax? Expression(this AnalysisSyntax analysis, string keyword) =>
        (analysis.Clause(keyword)?.Value as ExpressionValueSyntax)?.Expression;

    public static IEnumerable<string> NameList(this AnalysisSyntax analysis, string keyword) =>
        ((ExpressionListValueSyntax?)analysis.Clause(keyword)?.Value)?.Expressions.Select(e => ((NameExpressionSyntax)e).Name.Name) ?? [];

    public static PairingSyntax? Pairing(this AnalysisSyntax analysis) => (analysis.Clause(":")?.Value as PairingValueSyntax)?.Pairing;

    public static TestValueSyntax? Test(this AnalysisSyntax analysis) => analysis.Clause("using")?.Value as TestValueSyntax;

    public static IReadOnlyList<ReferenceSyntax> References(this AnalysisSyntax analysis) =>
        ((ReferencesValueSyntax?)analysis.Clause("reference")?.Value)?.References ?? [];

    /// <summary>The clause keywords in written order, unknown ones included.</summary>
    public static IEnumerable<string> ClauseKeywords(this AnalysisSyntax analysis) => analysis.Clauses.Select(c => c.Keyword.Name);
}
