using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary><c>run.Linear(info, new LinearSpec(response, transform, terms, references, anova, robust[, means]))</c>.</summary>
    private void EmitLinearModel(BoundLinearModel m, string source, Dictionary<string, string> variables)
    {
        _w.Line("run.Linear(" + source + ",");
        _w.Indent();
        _w.Line("new " + RuntimeTypes.LinearSpec + "(");
        _w.Indent();
        _w.Line(variables[m.Response.Name] + ",");
        _w.Line(RuntimeTypes.ResponseTransform + "." + m.Transform + ",");
        var terms = m.Terms.Select(term => "new(new " + RuntimeTypes.TermFactor + "[] { " + string.Join(", ", term.Factors.Select(f =>
            "new(" + CSharpLiterals.String(f.Name) + ", " + RuntimeTypes.TermFactorKind + "." + f.Kind
            + (f.Covariate is null ? string.Empty : ", " + variables[f.Covariate.Name]) + ")")) + " })");
        _w.Line(Array(RuntimeTypes.ModelTerm, terms) + ",");
        var references = m.References.Select(r => "new(" + CSharpLiterals.String(r.Factor) + ", " + CSharpLiterals.String(r.Level) + ")");
        _w.Line(Array(RuntimeTypes.LinearReference, references) + ",");
        _w.Line("Anova: " + RuntimeTypes.LinearAnovaType + "." + m.Anova + ",");
        if (m.Means is { } means)
        {
            _w.Line("Robust: " + RuntimeTypes.RobustStandardErrors + "." + m.Robust + ",");
            _w.Line("Means: " + MeansSpec(means) + "));");
        }
        else
        {
            _w.Line("Robust: " + RuntimeTypes.RobustStandardErrors + "." + m.Robust + "));");
        }
        _w.Unindent();
        _w.Unindent();
    }

    /// <summary><c>new LinearMeansSpec("f", "g" | null, contrast, adjust)</c>: the means clause of a linear or generalised linear model.</summary>
    private static string MeansSpec(BoundLinearMeans means) =>
        "new " + RuntimeTypes.LinearMeansSpec + "(" + CSharpLiterals.String(means.Factor) + ", "
        + (means.By is null ? "null" : CSharpLiterals.String(means.By)) + ", " + RuntimeTypes.LinearContrastMethod + "." + means.Contrast + ", "
        + RuntimeTypes.LinearContrastAdjust + "." + means.Adjust + ")";
}
