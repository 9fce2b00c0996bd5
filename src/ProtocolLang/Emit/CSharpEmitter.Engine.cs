using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// The body of <c>Run</c> under <c>compute in engine</c>: no table is read; the cohort is counted where the subject
    /// table lives (<c>run.EngineCohort(CohortSql)</c>), each variable names its engine expressions, and the analyses are
    /// the same calls as in memory. The binder has refused everything this does not cover (Binder.Engine.cs).
    /// </summary>
    private void EmitEngineRun(string formats, string template, string subjects, LocalNames locals)
    {
        _w.Line("var run = " + RuntimeTypes.StudyRun + ".InEngine(Schema, options, " + formats + ", " + CSharpLiterals.String(_study.Report.Directory)
            + ", AnalysisPlan" + template + ");");
        _w.Line("var " + subjects + " = run.EngineCohort(CohortSql);");
        var variables = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var used = UsedVariables().ToList();
        if (used.Count > 0)
        {
            _w.Line();
            _w.Line("// Variables (their values stay in the engine)");
        }

        foreach (var variable in used)
        {
            var local = locals.Allocate(variable.Name.All(CSharpLiterals.IsIdentifierChar) ? variable.Name : Binder.Slug(variable.Name) is { Length: > 0 } slug ? slug : "expression");
            variables.Add(VariableKey(variable), local);
            _w.Line("var " + local + " = " + EngineVariableFactory(variable, subjects) + ";");
        }

        if (_study.Analyses.Length > 0)
        {
            _w.Line();
            _w.Line("// Analyses (each from the engine's sufficient statistics)");
        }

        var tableLocals = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var analysis in _study.Analyses)
        {
            EmitAnalysis(analysis, variables, subjects, tableLocals);
        }

        _w.Line();
        _w.Line("return run.Complete();");
        _w.CloseBrace();
    }

    /// <summary><c>Variables.TimeToEvent(cohort, name, label, unit, horizon, CohortSql.Outcome(name))</c>: the only kind an engine run takes yet.</summary>
    private static string EngineVariableFactory(BoundVariable variable, string subjects)
    {
        if (variable.Outcome is not { Kind: OutcomeKind.TimeToEvent } outcome)
        {
            throw new System.InvalidOperationException($"Bug: variable '{variable.Name}' has no engine form; the binder should have refused it (PL2275).");
        }

        var name = CSharpLiterals.String(outcome.Name);
        return RuntimeTypes.Variables + ".TimeToEvent(" + subjects + ", " + name + ", " + CSharpLiterals.String(outcome.Label) + ", "
            + CSharpLiterals.StringOrNull(outcome.Unit) + ", " + (outcome.Horizon is { } h ? CSharpLiterals.Number(h) : "null")
            + ", CohortSql.Outcome(" + name + "))";
    }
}
