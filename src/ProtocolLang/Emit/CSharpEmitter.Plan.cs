using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>The key of the study's groups as a factor variable among the emitted variables; no study name can be it.</summary>
    private const string StudyGroupsVariable = "\0group";

    private string SubjectRow => _names.Table(_study.SubjectTable.Name).Row;

    /// <summary>Set while <c>Run</c> is written for a study without child-table aggregates: its lambdas read column arrays at row index <c>r</c>.</summary>
    private ColumnReads? _columns;

    /// <summary>The local that holds the subject table's <c>DataTable</c> in a columnar <c>Run</c>.</summary>
    private string? _subjectTableLocal;

    private ExpressionEmitter LambdaExpressions(string table) => new(_names, "r.", table, InRecord: false) { Columns = _columns };

    /// <summary>A subject's 1-based data row in a lambda: the record's property, or the table's source row at index <c>r</c>.</summary>
    private string SourceRowText => _columns is null ? "r.SourceRow" : _subjectTableLocal + ".SourceRows[r]";

    private void EmitCriteria()
    {
        var type = RuntimeTypes.Criterion + "<" + SubjectRow + ">";
        var expressions = LambdaExpressions(_study.SubjectTable.Name);
        _w.Line();
        _w.Line("/// <summary>Inclusion and exclusion criteria, applied in this order; the first one a subject fails is its reason.</summary>");
        _w.Write("public static " + RuntimeTypes.IReadOnlyList + "<" + type + "> Criteria { get; } = ");
        EmitArray(type, _study.Criteria.Select(c =>
            "new(" + RuntimeTypes.CriterionKind + "." + c.Kind + ", " + CSharpLiterals.String(c.Label) + ", r => " + expressions.Emit(c.Predicate) + ")"));
    }

    private void EmitGroups()
    {
        var type = RuntimeTypes.GroupDefinition + "<" + SubjectRow + ">";
        var expressions = LambdaExpressions(_study.SubjectTable.Name);
        _w.Line();
        _w.Line("/// <summary>The groups, in declared order; a subject in none is unassigned, in several is reported.</summary>");
        _w.Write("public static " + RuntimeTypes.IReadOnlyList + "<" + type + "> Groups { get; } = ");
        EmitArray(type, _study.Groups.Select(g =>
            "new(" + CSharpLiterals.String(g.Name) + ", " + CSharpLiterals.String(g.Label) + ", r => " + expressions.Emit(g.Predicate) + ")"));
    }

    /// <summary>
    /// The criteria and groups again, as expressions an engine computes (the runtime's <c>SqlExpr</c>): a study whose rows
    /// live in a database has its subject flow counted there. One that cannot be mapped carries the reason instead.
    /// </summary>
    private void EmitCohortSql()
    {
        var sql = new SqlExpressionEmitter(_study.SubjectTable);
        string Predicate(BoundExpression predicate)
        {
            var code = sql.TryEmit(predicate, out var unmapped);
            return code is null ? "null, " + CSharpLiterals.String(unmapped!) : code;
        }

        var criteria = _study.Criteria.Select(c =>
            "new(" + RuntimeTypes.CriterionKind + "." + c.Kind + ", " + CSharpLiterals.String(c.Label) + ", " + Predicate(c.Predicate) + ")");
        var groups = _study.Groups.Select(g =>
            "new(" + CSharpLiterals.String(g.Name) + ", " + CSharpLiterals.String(g.Label) + ", " + Predicate(g.Predicate) + ")");
        var outcomes = _study.Outcomes.Select(o => OutcomeSql(o, sql));
        _w.Line();
        _w.Line("/// <summary>The criteria and groups as an engine computes them (SQL), for tables that live in a database.</summary>");
        _w.Line("public static " + RuntimeTypes.Sql + "CohortSql CohortSql { get; } = new(");
        _w.Indent();
        EmitArray(RuntimeTypes.Sql + "SqlCriterion", criteria, terminator: ",");
        EmitArray(RuntimeTypes.Sql + "SqlGroup", groups, terminator: ",");
        EmitArray(RuntimeTypes.Sql + "SqlOutcome", outcomes, terminator: ");");
        _w.Unindent();
    }

    /// <summary><c>new(name, value, time, event, horizon[, reason])</c>: an outcome's expressions for an engine, or why it has none.</summary>
    private static string OutcomeSql(OutcomeSymbol outcome, SqlExpressionEmitter sql)
    {
        var name = CSharpLiterals.String(outcome.Name);
        if (outcome.Kind == OutcomeKind.Repeated)
        {
            return "new(" + name + ", null, null, null, null, " + CSharpLiterals.String("a repeated outcome lives in a child table, which no engine query reads yet") + ")";
        }

        var parts = outcome.Kind == OutcomeKind.TimeToEvent ? new[] { null, outcome.Time, outcome.Event } : new[] { outcome.Value, null, null };
        var codes = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is not { } expression)
            {
                codes[i] = "null";
            }
            else if (sql.TryEmit(expression, out var unmapped) is { } code)
            {
                codes[i] = code;
            }
            else
            {
                return "new(" + name + ", null, null, null, null, " + CSharpLiterals.String(unmapped!) + ")";
            }
        }

        var horizon = outcome.Horizon is { } h ? CSharpLiterals.Number(h) : "null";
        return "new(" + name + ", " + string.Join(", ", codes) + ", " + horizon + ")";
    }

    /// <param name="terminator">What follows the array: the end of the statement, or a comma before the next argument.</param>
    private void EmitArray(string elementType, IEnumerable<string> items, string terminator = ";")
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            _w.Line(RuntimeTypes.Array + ".Empty<" + elementType + ">()" + terminator);
            return;
        }

        _w.Line("new " + elementType + "[]");
        _w.OpenBrace();
        foreach (var item in list)
        {
            _w.Line(item + ",");
        }

        _w.CloseBrace(terminator);
    }

    /// <summary>The analyses' <c>.study</c> text in protocol order: a progress display shows what runs next, out of how many.</summary>
    private void EmitAnalysisPlan()
    {
        _w.Line();
        _w.Line("/// <summary>The analyses of the plan, in protocol order.</summary>");
        _w.Write("public static " + RuntimeTypes.IReadOnlyList + "<string> AnalysisPlan { get; } = ");
        EmitArray("string", _study.Analyses.Select(a => CSharpLiterals.String(a.Source)));
    }

    private void EmitRun()
    {
        EmitAnalysisPlan();
        var locals = new LocalNames(_names, "run", "options", "r");
        var tableLocals = _study.Tables.ToDictionary(t => t.Name, t => locals.Allocate(t.Name));
        var subjects = tableLocals[_study.SubjectTable.Name];
        var report = _study.Report;

        _w.Line();
        _w.Line("/// <summary>Runs the statistical analysis plan of study <c>" + CSharpLiterals.CommentText(_study.Name) + "</c>, in protocol order.</summary>");
        _w.Line("public static " + RuntimeTypes.StudyResults + " Run(" + RuntimeTypes.StudyRunOptions + " options)");
        _w.OpenBrace();
        var formats = "new[] { " + string.Join(", ", report.Formats.Select(f => RuntimeTypes.ReportFormat + "." + f)) + " }";
        string template = report.Template is null ? string.Empty : ", " + CSharpLiterals.String(report.Template);
        if (_study.ComputeInEngine)
        {
            EmitEngineRun(formats, template, subjects, locals);
            return;
        }

        _w.Line("var run = new " + RuntimeTypes.StudyRun + "(Schema, options, " + formats + ", " + CSharpLiterals.String(report.Directory) + ", AnalysisPlan" + template + ");");
        if (_names.Aggregates.IsEmpty)
        {
            EmitColumnarCohort(subjects, tableLocals, locals);
        }
        else
        {
            EmitRecordCohort(subjects, tableLocals, locals);
        }

        EmitPopulations(subjects);
        var variables = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var used = UsedVariables().ToList();
        if (used.Count > 0)
        {
            _w.Line();
            _w.Line("// Variables");
        }

        foreach (var variable in used)
        {
            // An expression, or an outcome written inline (time_to_event(...)), is named by its text: the local by its slug.
            var written = variable.Expression is not null || !variable.Name.All(CSharpLiterals.IsIdentifierChar);
            var local = locals.Allocate(!written ? variable.Name : Binder.Slug(variable.Name) is { Length: > 0 } slug ? slug : "expression");
            variables.Add(VariableKey(variable), local);
            _w.Line("var " + local + " = " + VariableFactory(variable, subjects, tableLocals) + ";");
        }

        if (_study.Analyses.Any(a => a.Scope.By.Any(f => f.IsGroup) || a.Scope.Within is { IsGroup: true }))
        {
            // `by group, sex` or `within group`: the study's groups as a factor variable.
            var local = locals.Allocate("group");
            variables.Add(StudyGroupsVariable, local);
            _w.Line("var " + local + " = " + RuntimeTypes.Variables + ".Groups(" + subjects + ");");
        }

        if (_study.Analyses.Length > 0)
        {
            _w.Line();
            _w.Line("// Analyses");
        }

        foreach (var analysis in _study.Analyses)
        {
            EmitAnalysis(analysis, variables, subjects, tableLocals);
        }

        _w.Line();
        _w.Line("return run.Complete();");
        _w.CloseBrace();
    }

    /// <summary>A subject's key; without a declared key, its 1-based data row number (the header not counted).</summary>
    private string SubjectKeyText(TableSymbol table) =>
        table.Key is null ? SourceRowText + ".ToString(" + RuntimeTypes.CultureInfo + ".InvariantCulture)" : KeyText(table, table.Key);

    private string ReadTable(TableSymbol table) =>
        _names.Table(table.Name).Reader + "(run.Table(" + CSharpLiterals.String(table.Name) + "))";

    /// <summary>The key (or link) of a row as the string the runtime matches on.</summary>
    private string KeyText(TableSymbol table, string columnName)
    {
        var column = table.Columns.First(c => c.Name == columnName);
        var property = _columns is { } columns
            ? columns.Read(column, LambdaExpressions(table.Name))
            : "r." + _names.Property(table.Name, column.Name);
        return (column.Type.Kind, column.Optional) switch
        {
            (TypeKind.Text, false) => property,
            (TypeKind.Text, true) => property + " ?? \"\"",
            (_, false) => property + ".ToString(" + RuntimeTypes.CultureInfo + ".InvariantCulture)",
            _ => property + "?.ToString(" + RuntimeTypes.CultureInfo + ".InvariantCulture) ?? \"\"",
        };
    }

    /// <summary>Every variable an analysis uses, once, in order of first use.</summary>
    private IEnumerable<BoundVariable> UsedVariables()
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var analysis in _study.Analyses)
        {
            IEnumerable<BoundVariable> variables = analysis switch
            {
                BoundDescribe d => d.Variables,
                BoundCompare c => c.Variables.Concat(EffectVariables(c)),
                BoundMixedModel m => new[] { BoundVariable.ForOutcome(m.Response) }.Concat(m.FixedTerms.SelectMany(t => t.Factors).Where(f => f.Covariate is not null).Select(f => f.Covariate!)),
                BoundKaplanMeier k => [BoundVariable.ForOutcome(k.Outcome)],
                BoundLogRank l => l.Strata is null ? [BoundVariable.ForOutcome(l.Outcome)] : [BoundVariable.ForOutcome(l.Outcome), l.Strata],
                BoundCox c => new[] { BoundVariable.ForOutcome(c.Outcome) }.Concat(c.Terms.SelectMany(t => t.Variables)).Concat(c.Strata)
                    .Concat(c.Subgroups is { } subgroups ? subgroups.Factors.SelectMany(f => f.Variables) : []),
                BoundLinearModel l => new[] { l.Response }.Concat(l.Terms.SelectMany(t => t.Factors).Where(f => f.Covariate is not null).Select(f => f.Covariate!)),
                BoundGlmModel g => new[] { g.Response }.Concat(g.Terms.SelectMany(t => t.Factors).Where(f => f.Covariate is not null).Select(f => f.Covariate!))
                    .Concat(g.Offset is null ? [] : [g.Offset]),
                _ => [],
            };
            var scope = analysis.Scope;
            var factors = scope.By.Where(f => f.Variable is not null).Select(f => f.Variable!);
            if (scope.Within?.Variable is { } within)
            {
                factors = factors.Append(within);
            }

            foreach (var variable in variables.Concat(factors))
            {
                if (seen.Add(VariableKey(variable)))
                {
                    yield return variable;
                }
            }
        }
    }

    private string VariableFactory(BoundVariable variable, string subjects, Dictionary<string, string> tableLocals)
    {
        var subjectTable = _study.SubjectTable.Name;
        var expressions = LambdaExpressions(subjectTable);
        if (variable.GroupSet is { } set)
        {
            return GroupSetFactory(set, subjects);
        }

        var name = CSharpLiterals.String(variable.Name);
        if (variable.Outcome is { } outcome)
        {
            var label = CSharpLiterals.String(outcome.Label);
            var unit = CSharpLiterals.StringOrNull(outcome.Unit);
            switch (outcome.Kind)
            {
                case OutcomeKind.TimeToEvent:
                    return RuntimeTypes.Variables + ".TimeToEvent(" + subjects + ", " + name + ", " + label + ", " + unit + ", "
                        + (outcome.Horizon is { } h ? CSharpLiterals.Number(h) : "null") + ", r => " + expressions.Emit(outcome.Time!)
                        + ", r => " + expressions.Emit(outcome.Event!) + ")";
                case OutcomeKind.Repeated:
                    return RepeatedFactory(outcome, tableLocals, null, null);
                default:
                    return ValueVariable(variable.Kind, subjects, name, label, unit, outcome.Summary, outcome.Value!, expressions);
            }
        }

        if (variable.Expression is { } expression)
        {
            if (variable.LevelsAsWritten)
            {
                return WrittenLevelsFactor(variable, subjects, expression, expressions);
            }

            return ValueVariable(variable.Kind, subjects, name, name, "null", SummaryKind.Median, expression, expressions);
        }

        var (value, labelText, unitText) = variable.Column is { } column
            ? ((BoundExpression)new BoundColumnReference(column, column.Span), column.Label ?? column.Name, column.Unit)
            : (new BoundDeriveReference(subjectTable, variable.Derive!.Name, variable.Derive.Type, variable.Derive.Span), variable.Derive.Label ?? variable.Derive.Name, null);
        return ValueVariable(variable.Kind, subjects, name, CSharpLiterals.String(labelText), CSharpLiterals.StringOrNull(unitText), SummaryKind.Median, value, expressions);
    }

    /// <summary>
    /// The key of a variable among the emitted locals: its name, except for a bool expression used as a factor, which is
    /// a categorical variable (levels false, true, labelled as written) beside the binary one the same text gives in a head.
    /// </summary>
    private static string VariableKey(BoundVariable variable) => variable.LevelsAsWritten ? "\0factor " + variable.Name : variable.Name;

    /// <summary>
    /// <c>by age >= 65</c>: the factor's levels are false and true (R's order for <c>factor(logical)</c>, the level names
    /// of a bool column), labelled with the expression as written (<c>age >= 65: true</c>) so a table or legend reads alone.
    /// </summary>
    private static string WrittenLevelsFactor(BoundVariable variable, string subjects, BoundExpression expression, ExpressionEmitter expressions)
    {
        var name = CSharpLiterals.String(variable.Name);
        var labels = "new[] { " + CSharpLiterals.String(variable.Name + ": false") + ", " + CSharpLiterals.String(variable.Name + ": true") + " }";
        var value = expressions.TypeOf(expression).Nullable
            ? "r => " + Parenthesize(expressions.Emit(expression)) + " switch { true => 1, false => 0, null => (int?)null }"
            : "r => " + Parenthesize(expressions.Emit(expression)) + " ? 1 : 0";
        return RuntimeTypes.Variables + ".Categorical(" + subjects + ", " + name + ", " + name + ", new[] { \"false\", \"true\" }, " + labels + ", " + value + ")";
    }

    /// <summary><c>Variables.Repeated(...)</c> of a repeated outcome; with <paramref name="where"/>, only the child rows it keeps.</summary>
    private string RepeatedFactory(OutcomeSymbol outcome, Dictionary<string, string> tableLocals, BoundExpression? where, string? whereText)
    {
        var child = LambdaExpressions(outcome.RepeatedTable!);
        var rows = where is null ? string.Empty : ", r => " + child.Emit(where) + ", " + CSharpLiterals.String(whereText ?? string.Empty);
        return RuntimeTypes.Variables + ".Repeated(" + tableLocals[outcome.RepeatedTable!] + ", " + CSharpLiterals.String(outcome.Name) + ", "
            + CSharpLiterals.String(outcome.Label) + ", " + CSharpLiterals.StringOrNull(outcome.Unit) + ", "
            + CSharpLiterals.String(outcome.RepeatedTimeName!) + ", r => " + child.Emit(outcome.RepeatedValue!)
            + ", r => " + child.Emit(outcome.RepeatedTime!) + rows + ")";
    }

    private static string ValueVariable(VariableKind kind, string subjects, string name, string label, string unit, SummaryKind summary,
        BoundExpression value, ExpressionEmitter expressions)
    {
        var lambda = "r => " + expressions.Emit(value);
        switch (kind)
        {
            case VariableKind.Binary:
                return RuntimeTypes.Variables + ".Binary(" + subjects + ", " + name + ", " + label + ", " + lambda + ")";
            case VariableKind.Count:
                return RuntimeTypes.Variables + ".Count(" + subjects + ", " + name + ", " + label + ", " + lambda + ")";
            case VariableKind.Categorical:
                var category = value.Type.Category!;
                var levels = "new[] { " + string.Join(", ", category.Levels.Select(CSharpLiterals.String)) + " }"
                    + (category.HasLabels ? ", new[] { " + string.Join(", ", category.LevelLabels.Select(CSharpLiterals.String)) + " }" : string.Empty);
                var nullable = expressions.TypeOf(value).Nullable;
                return RuntimeTypes.Variables + ".Categorical(" + subjects + ", " + name + ", " + label + ", " + levels + ", r => "
                    + (nullable ? "(int?)" : "(int)") + Parenthesize(expressions.Emit(value)) + ")";
            default:
                // A number column as it is: the runtime can hand the analyses the table's own array (Variables.Continuous(Cohort<int>, ..., NumberValues)).
                var column = value is BoundColumnReference reference ? expressions.Columns?.NumberLocal(reference.Column) : null;
                return RuntimeTypes.Variables + ".Continuous(" + subjects + ", " + name + ", " + label + ", " + unit + ", " + RuntimeTypes.Summary + "." + summary + ", " + (column ?? lambda) + ")";
        }
    }

    /// <summary>Wraps code in parentheses unless it is a plain member access (<c>r.Sex</c>).</summary>
    private static string Parenthesize(string code) =>
        code.All(c => CSharpLiterals.IsIdentifierChar(c) || c == '.' || c == '@') ? code : "(" + code + ")";
}
