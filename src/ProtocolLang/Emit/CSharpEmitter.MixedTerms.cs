using System.Collections.Generic;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// The values of a mixed-model term over the repeated outcome's rows (<c>log(Days + 1)</c>): a
    /// <c>Variables.Repeated</c> over the same child rows as the response, with the same <c>where</c> when the response
    /// has row conditions (<see cref="BoundScope.RowWhere"/>), so that row r of one is row r of the other (the runtime checks it).
    /// </summary>
    private string RowTermFactory(BoundMixedModel m, string name, BoundExpression value, Dictionary<string, string> tableLocals)
    {
        var outcome = m.Response;
        var child = LambdaExpressions(outcome.RepeatedTable!);
        var rows = m.Scope.RowWhere is { } where ? ", r => " + child.Emit(where) + ", " + CSharpLiterals.String(m.Scope.RowWhereText ?? string.Empty) : string.Empty;
        var text = CSharpLiterals.String(name);
        return RuntimeTypes.Variables + ".Repeated(" + tableLocals[outcome.RepeatedTable!] + ", " + text + ", " + text + ", null, "
            + CSharpLiterals.String(outcome.RepeatedTimeName!) + ", r => " + child.Emit(value) + ", r => " + child.Emit(outcome.RepeatedTime!) + rows + ")";
    }
}
