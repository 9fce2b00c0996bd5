using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>Variables.Repeated(cohort, table, name, label, unit, time, value, time)</c> under <c>compute in engine</c>: a
    /// repeated outcome's value and time as the engine computes them over its child table's row (<c>SqlExpr</c>); the
    /// runtime joins those rows to the analysed subjects there. Only <c>model mixed</c> takes a repeated outcome under <c>compute in engine</c> (PL2275 refuses mmrm and rm_anova).
    /// </summary>
    private string EngineRepeatedFactory(OutcomeSymbol outcome, string subjects)
    {
        var table = _study.Tables.Single(t => t.Name == outcome.RepeatedTable);
        var sql = new SqlExpressionEmitter(table);
        var value = sql.TryEmit(outcome.RepeatedValue!, out _);
        var time = sql.TryEmit(outcome.RepeatedTime!, out _);
        if (value is null || time is null)
        {
            throw new System.InvalidOperationException($"Bug: outcome '{outcome.Name}' has no engine form; the binder should have refused it (PL2278).");
        }

        return RuntimeTypes.Variables + ".Repeated(" + subjects + ", " + CSharpLiterals.String(table.Name) + ", " + CSharpLiterals.String(outcome.Name) + ", "
            + CSharpLiterals.String(outcome.Label) + ", " + CSharpLiterals.StringOrNull(outcome.Unit) + ", " + CSharpLiterals.String(outcome.RepeatedTimeName!) + ", "
            + value + ", " + time + ")";
    }
}
