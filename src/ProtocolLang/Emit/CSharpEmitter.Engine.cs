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
    /// <c>Variables.TimeToEvent(cohort, name, label, unit, horizon, CohortSql.Outcome(name))</c> for an outcome; any other
    /// variable (a Cox covariate or stratum: a column, a derive, an expression or a non-repeated outcome of the subject
    /// table) names its value as the engine computes it (<c>SqlExpr</c>). A bool expression used as a factor is the engine's
    /// bool: a stratum needs only its values, coded false 0, true 1 as the in-memory factor's levels.
    /// </summary>
    private string EngineVariableFactory(BoundVariable variable, string subjects)
    {
        var name = CSharpLiterals.String(variable.Name);
        if (variable.Outcome is { Kind: OutcomeKind.TimeToEvent } outcome)
        {
            return RuntimeTypes.Variables + ".TimeToEvent(" + subjects + ", " + name + ", " + CSharpLiterals.String(outcome.Label) + ", "
                + CSharpLiterals.StringOrNull(outcome.Unit) + ", " + (outcome.Horizon is { } h ? CSharpLiterals.Number(h) : "null")
                + ", CohortSql.Outcome(" + name + "))";
        }

        if (variable.Outcome is { Kind: OutcomeKind.Repeated } repeated)
        {
            return EngineRepeatedFactory(repeated, subjects);
        }

        (BoundExpression? value, string? label, string? unit, SummaryKind summary) = variable switch
        {
            { GroupSet: not null } or { Outcome.Kind: OutcomeKind.Repeated } => (null, null, null, SummaryKind.Median),
            { Outcome: { } o } => (o.Value, o.Label, o.Unit, o.Summary),
            { Expression: { } e } => (e, variable.Name, null, SummaryKind.Median),
            { Column: { } c } => ((BoundExpression)new BoundColumnReference(c, c.Span), c.Label ?? c.Name, c.Unit, SummaryKind.Median),
            { Derive: { } d } => (new BoundDeriveReference(_study.SubjectTable.Name, d.Name, d.Type, d.Span), d.Label ?? d.Name, null, SummaryKind.Median),
            _ => (null, null, null, SummaryKind.Median),
        };
        var sql = value is null ? null : new SqlExpressionEmitter(_study.SubjectTable).TryEmit(value, out _);
        if (sql is null)
        {
            throw new System.InvalidOperationException($"Bug: variable '{variable.Name}' has no engine form; the binder should have refused it (PL2275, PL2278, PL2281).");
        }

        var text = CSharpLiterals.String(label!);
        if (variable.LevelsAsWritten || variable.Kind == VariableKind.Binary)
        {
            return RuntimeTypes.Variables + ".Binary(" + subjects + ", " + name + ", " + text + ", " + sql + ")";
        }

        switch (variable.Kind)
        {
            case VariableKind.Count:
                return RuntimeTypes.Variables + ".Count(" + subjects + ", " + name + ", " + text + ", " + sql + ")";
            case VariableKind.Categorical:
                var category = value!.Type.Category!;
                var levels = "new[] { " + string.Join(", ", category.Levels.Select(CSharpLiterals.String)) + " }"
                    + (category.HasLabels ? ", new[] { " + string.Join(", ", category.LevelLabels.Select(CSharpLiterals.String)) + " }" : string.Empty);
                return RuntimeTypes.Variables + ".Categorical(" + subjects + ", " + name + ", " + text + ", " + levels + ", " + sql + ")";
            default:
                return RuntimeTypes.Variables + ".Continuous(" + subjects + ", " + name + ", " + text + ", " + CSharpLiterals.StringOrNull(unit) + ", "
                    + RuntimeTypes.Summary + "." + summary + ", " + sql + ")";
        }
    }
}
