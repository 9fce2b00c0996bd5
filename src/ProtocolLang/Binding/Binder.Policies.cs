using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The data policies: what a run does with an invalid row (<c>on_invalid</c>, per study and per table) and with a
/// subject in more than one group (<c>on_overlap</c> on <c>groups</c>). The default is <c>fail</c> for both: nothing
/// is dropped unless the study says so, and then it is counted by reason in the subject flow.
/// </summary>
public sealed partial class Binder
{
    private const string Fail = "fail";
    private const string Exclude = "exclude";

    /// <summary>The study-level <c>on_invalid</c> (one at most): true when it is <c>exclude</c>.</summary>
    private bool BindStudyInvalidPolicy(ImmutableArray<DeclarationSyntax> declarations)
    {
        var clause = Single<PolicySyntax>(declarations, "on_invalid");
        return BindPolicy(clause, inherited: false, inheritedFromStudy: false);
    }

    /// <summary>A table's rows are excluded when its own clause, else the study's, says <c>exclude</c>.</summary>
    private ImmutableArray<TableSymbol> ApplyInvalidPolicies(ImmutableArray<TableSymbol> tables, bool studyExcludes) =>
        tables.Select((table, i) => table with
        {
            ExcludeInvalidRows = BindPolicy(_tables[i].Syntax.OnInvalid, studyExcludes, inheritedFromStudy: studyExcludes),
        }).ToImmutableArray();

    /// <summary>
    /// True for <c>exclude</c>; the inherited value when the clause is absent or its value is unknown (reported).
    /// Writing the default (<c>fail</c>) is allowed as documentation; repeating the study's <c>exclude</c> on a table is PL2061.
    /// </summary>
    private bool BindPolicy(PolicySyntax? clause, bool inherited, bool inheritedFromStudy)
    {
        if (clause is null)
        {
            return inherited;
        }

        var value = clause.Value.Name;
        if (value is not (Fail or Exclude))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownPolicy, clause.Value.Span, value, clause.Keyword.Name,
                NameSuggestions.DidYouMean(value, [Fail, Exclude]));
            return inherited;
        }

        var excludes = value == Exclude;
        if (inheritedFromStudy && excludes == inherited)
        {
            _diagnostics.Add(DiagnosticDescriptors.RedundantPolicy, clause.Span, clause.Keyword.Name + " " + value, "the study declares it for every table");
        }

        return excludes;
    }
}
