using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Analysis ids: the author's <c>as id</c>, else derived from the analysis's text (its kind and the names of its
/// head: <c>kaplan_meier_relapse</c>, <c>describe_age_sex_ck</c>), never from its position, so reordering a study
/// changes no id. Derived ids that collide (with each other or an author's id) all get <c>_</c> and the first 8 hex
/// digits of the SHA-256 of their normalised text. Two analyses left with one id are an error (PL2107).
/// </summary>
public sealed partial class Binder
{
    /// <summary>Results, figure files and report anchors use the id, so it is short and safe in a file name.</summary>
    public const int MaxAnalysisIdLength = 64;

    private const int HashDigits = 8;

    private ImmutableArray<BoundAnalysis> AssignIds(List<(BoundAnalysis Analysis, IdentifierSyntax? Explicit, AnalysisClauses Clauses)> analyses)
    {
        var ids = new string[analyses.Count];
        var derived = new bool[analyses.Count];
        for (var i = 0; i < analyses.Count; i++)
        {
            if (analyses[i].Explicit is { } name && IsValidId(name.Name))
            {
                ids[i] = name.Name;
                continue;
            }

            if (analyses[i].Explicit is { } invalid)
            {
                _diagnostics.Add(DiagnosticDescriptors.InvalidAnalysisId, invalid.Span, invalid.Name);
            }

            ids[i] = DerivedId(analyses[i].Clauses);
            derived[i] = true;
        }

        var counts = ids.GroupBy(id => id, System.StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), System.StringComparer.Ordinal);
        for (var i = 0; i < analyses.Count; i++)
        {
            if (derived[i] && counts[ids[i]] > 1)
            {
                ids[i] = Truncate(ids[i], MaxAnalysisIdLength - HashDigits - 1) + "_" + Sha256Hex(analyses[i].Analysis.Source).Substring(0, HashDigits);
            }
        }

        var first = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<BoundAnalysis>(analyses.Count);
        for (var i = 0; i < analyses.Count; i++)
        {
            var (analysis, explicitId, _) = analyses[i];
            if (first.TryGetValue(ids[i], out var earlier))
            {
                var span = explicitId?.Span ?? analysis.Span;
                _diagnostics.Add(DiagnosticDescriptors.DuplicateAnalysisId, new Text.TextSpan(span.Start, explicitId is null ? 0 : span.Length), ids[i],
                    Line(analyses[earlier].Analysis.Span));
            }
            else
            {
                first.Add(ids[i], i);
            }

            result.Add(analysis with { Id = ids[i] });
        }

        return result.MoveToImmutable();
    }

    /// <summary><c>[a-z][a-z0-9_]*</c>, at most <see cref="MaxAnalysisIdLength"/> characters.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxAnalysisIdLength && id[0] is >= 'a' and <= 'z' && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    /// <summary>The kind, then the head's names: the response and fixed terms of a formula, the variables of a list.</summary>
    private string DerivedId(AnalysisClauses clauses)
    {
        var parts = new List<string> { clauses.Kind.Name };
        switch (clauses.Syntax.Head)
        {
            case FormulaHeadSyntax { Formula: var formula }:
                parts.Add(formula.Response.Variable.Name);
                parts.AddRange(formula.Terms.OfType<FixedTermSyntax>().SelectMany(t => t.Factors).Select(f => Snippet(f.Expression.Span)));
                break;
            case ListHeadSyntax list:
                parts.AddRange(list.Items.Select(item => Snippet(item.Span)));
                break;
        }

        return Truncate(Slug(string.Join("_", parts)), MaxAnalysisIdLength);
    }

    /// <summary>Lower case; every run of other characters becomes one <c>_</c>; no <c>_</c> at either end.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    private static string Truncate(string id, int length) => id.Length <= length ? id : id.Substring(0, length).TrimEnd('_');
}
