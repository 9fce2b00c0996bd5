using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>GroupSets.Categorical(...)</c>: a named group set as a categorical factor, its groups in declared order, with the
    /// set's <c>on_overlap</c> policy.
    /// </summary>
    private string GroupSetFactory(GroupSetSymbol set, string subjects)
    {
        var table = _study.SubjectTable;
        var expressions = LambdaExpressions(table.Name);
        var type = RuntimeTypes.GroupDefinition + "<" + SubjectRow + ">";
        var groups = set.Groups.Select(g =>
            "new " + type + "(" + CSharpLiterals.String(g.Name) + ", " + CSharpLiterals.String(g.Label) + ", r => " + expressions.Emit(g.Predicate) + ")");
        return RuntimeTypes.GroupSets + ".Categorical(" + subjects + ", " + CSharpLiterals.String(set.Name) + ", "
            + CSharpLiterals.String(table.Source) + ", " + CSharpLiterals.StringOrNull(table.Key) + ", r => r.SourceRow, new " + type + "[] { "
            + string.Join(", ", groups) + " }, " + (set.ExcludeOverlapping ? "true" : "false") + ")";
    }
}
