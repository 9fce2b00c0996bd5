using System.Linq;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    /// <summary>
    /// A Cox or mixed model is by the study's groups only through them: a <c>group</c> term in its formula, <c>by group</c>
    /// or a <c>where</c> naming <c>group</c>. <c>model cox Event ~ arm</c> in a study without a groups block needs none
    /// (the runtime analyses everyone as one group), so PL2047 is reported only when the model names the groups.
    /// </summary>
    private void RequireGroupsIfModelNamesThem(AnalysisClauses clauses)
    {
        var formula = clauses.Formula;
        var namesGroup = formula is null
            || formula.Terms.OfType<FixedTermSyntax>().Any(t => t.Factors.Any(f => MentionsGroup(f.Expression)))
            || clauses.Expressions("by").Any(MentionsGroup)
            || (clauses.Expression("where") is { } where && MentionsGroup(where));
        if (namesGroup)
        {
            RequireGroups(clauses);
        }
    }
}
