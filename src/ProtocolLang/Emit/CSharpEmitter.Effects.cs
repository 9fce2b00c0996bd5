using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

/// <summary>The effect measures of <c>compare</c>: <c>run.CompareEffects(...)</c> with their strata, person-time and options.</summary>
public sealed partial class CSharpEmitter
{
    /// <summary>The variables an effect measure reads besides its head: the strata and the person-time.</summary>
    private static IEnumerable<BoundVariable> EffectVariables(BoundCompare compare) =>
        compare.Effect is not { } effect
            ? []
            : effect.PersonTime is null ? effect.Strata : effect.Strata.Append(effect.PersonTime);

    private void EmitCompareEffect(BoundCompare c, BoundEffect effect, string source, Dictionary<string, string> variables)
    {
        _w.Line("run.CompareEffects(" + source + ",");
        _w.Indent();
        _w.Line(VariableArray(c.Variables, variables) + ",");
        _w.Line(Pairing(c.Pairing) + ",");
        _w.Line(RuntimeTypes.TestKind + "." + c.Test + ", " + RuntimeTypes.AdjustMethod + "." + c.Adjust + ",");
        var options = new List<string>();
        if (!effect.Strata.IsEmpty)
        {
            options.Add("Strata = " + VariableArray(effect.Strata, variables));
        }

        if (effect.PersonTime is { } personTime)
        {
            options.Add("PersonTime = " + variables[personTime.Name]);
        }

        if (effect.Conditional)
        {
            options.Add("Conditional = true");
        }

        if (!effect.Correct)
        {
            options.Add("Correct = false");
        }

        if (effect.Direction != NntDirection.Neutral)
        {
            options.Add("Direction = " + RuntimeTypes.NntDirection + "." + effect.Direction);
        }

        _w.Line("new " + RuntimeTypes.EffectOptions + (options.Count == 0 ? "());" : " { " + string.Join(", ", options) + " });"));
        _w.Unindent();
    }
}
