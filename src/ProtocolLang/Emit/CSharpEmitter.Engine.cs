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

    /// <summary>
    /// A variable of an engine run: <c>Variables.TimeToEvent(cohort, name, label, unit, horizon, CohortSql.Outcome(name))</c>,
    /// or a number, count, yes/no or category as <c>Variables.Continuous(cohort, name, label, unit, summary, SqlExpr)</c> and
    /// its siblings, with the same name, label and unit the in-memory factory gives it.
    /// </summary>
    private string EngineVariableFactory(BoundVariable variable, string subjects)
    {
        if (variable.Outcome is { Kind: OutcomeKind.TimeToEvent } outcome)
        {
            var name = CSharpLiterals.String(outcome.Name);
            return RuntimeTypes.Variables + ".TimeToEvent(" + subjects + ", " + name + ", " + CSharpLiterals.String(outcome.Label) + ", "
                + CSharpLiterals.StringOrNull(outcome.Unit) + ", " + (outcome.Horizon is { } h ? CSharpLiterals.Number(h) : "null")
                + ", CohortSql.Outcome(" + name + "))";
        }

        var subjectTable = _study.SubjectTable.Name;
        var value = Binder.EngineValue(variable, subjectTable);
        var sql = value is null ? null : new SqlExpressionEmitter(_study.SubjectTable).TryEmit(value, out _);
        if (sql is null || variable.Kind is VariableKind.Repeated or VariableKind.TimeToEvent || variable.GroupSet is not null || variable.LevelsAsWritten)
        {
            throw new System.InvalidOperationException($"Bug: variable '{variable.Name}' has no engine form; the binder should have refused it (PL2278).");
        }

        var (label, unit, summary) = variable switch
        {
            { Outcome: { } o } => (o.Label, o.Unit, o.Summary),
            { Column: { } c } => (c.Label ?? c.Name, c.Unit, SummaryKind.Median),
            { Derive: { } d } => (d.Label ?? d.Name, null, SummaryKind.Median),
            _ => (variable.Name, (string?)null, SummaryKind.Median),
        };
        var head = subjects + ", " + CSharpLiterals.String(variable.Name) + ", " + CSharpLiterals.String(label);
        switch (variable.Kind)
        {
            case VariableKind.Binary:
                return RuntimeTypes.Variables + ".Binary(" + head + ", " + sql + ")";
            case VariableKind.Count:
                return RuntimeTypes.Variables + ".Count(" + head + ", " + sql + ")";
            case VariableKind.Categorical:
                var category = value!.Type.Category!;
                var levels = "new[] { " + string.Join(", ", category.Levels.Select(CSharpLiterals.String)) + " }"
                    + (category.HasLabels ? ", new[] { " + string.Join(", ", category.LevelLabels.Select(CSharpLiterals.String)) + " }" : string.Empty);
                return RuntimeTypes.Variables + ".Categorical(" + head + ", " + levels + ", " + sql + ")";
            default:
                return RuntimeTypes.Variables + ".Continuous(" + head + ", " + CSharpLiterals.StringOrNull(unit) + ", " + RuntimeTypes.Summary + "." + summary + ", " + sql + ")";
        }
    }
}
