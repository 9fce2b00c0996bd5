using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>run.Population("PP", "Per protocol", new PopulationCondition[] { ... })</c> per declared population, after the
    /// cohort and before the first analysis (the runtime requires that order). Each top-level <c>and</c> conjunct is one
    /// condition with its own bool variable, so the flow can say which condition removed a subject.
    /// </summary>
    private void EmitPopulations(string subjects)
    {
        if (_study.Populations.IsEmpty)
        {
            return;
        }

        var expressions = LambdaExpressions(_study.SubjectTable.Name);
        _w.Line();
        _w.Line("// Populations");
        foreach (var population in _study.Populations)
        {
            var name = CSharpLiterals.String(population.Name);
            _w.Line("run.Population(" + name + ", " + CSharpLiterals.String(population.Label) + ", new " + RuntimeTypes.PopulationCondition + "[]");
            _w.OpenBrace();
            foreach (var condition in population.Conditions)
            {
                var text = CSharpLiterals.String(condition.Text);
                _w.Line("new(" + text + ", " + RuntimeTypes.Variables + ".Binary(" + subjects + ", " + name + ", " + text + ", r => "
                    + expressions.Emit(condition.Predicate) + ")),");
            }

            _w.CloseBrace(");");
        }
    }

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
            + CSharpLiterals.String(table.Source) + ", " + CSharpLiterals.String(table.Key!) + ", r => r.SourceRow, new " + type + "[] { "
            + string.Join(", ", groups) + " }, " + (set.ExcludeOverlapping ? "true" : "false") + ")";
    }
}
