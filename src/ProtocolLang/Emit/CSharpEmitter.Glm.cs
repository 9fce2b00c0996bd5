using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary><c>run.Glm(info, new GlmSpec(response, family, terms, references, offset))</c>.</summary>
    private void EmitGlmModel(BoundGlmModel m, string source, Dictionary<string, string> variables)
    {
        _w.Line("run.Glm(" + source + ",");
        _w.Indent();
        _w.Line("new " + RuntimeTypes.GlmSpec + "(");
        _w.Indent();
        _w.Line(variables[m.Response.Name] + ",");
        _w.Line(RuntimeTypes.GlmModelFamily + "." + m.Family + ",");
        var terms = m.Terms.Select(term => "new(new " + RuntimeTypes.TermFactor + "[] { " + string.Join(", ", term.Factors.Select(f =>
            "new(" + CSharpLiterals.String(f.Name) + ", " + RuntimeTypes.TermFactorKind + "." + f.Kind
            + (f.Covariate is null ? string.Empty : ", " + variables[f.Covariate.Name]) + ")")) + " })");
        _w.Line(Array(RuntimeTypes.ModelTerm, terms) + ",");
        var references = m.References.Select(r => "new(" + CSharpLiterals.String(r.Factor) + ", " + CSharpLiterals.String(r.Level) + ")");
        _w.Line(Array(RuntimeTypes.LinearReference, references) + ",");
        _w.Line((m.Offset is null ? "null" : variables[m.Offset.Name]) + (m.Means is { } means ? ", Means: " + MeansSpec(means) : string.Empty) + "));");
        _w.Unindent();
        _w.Unindent();
    }
}
