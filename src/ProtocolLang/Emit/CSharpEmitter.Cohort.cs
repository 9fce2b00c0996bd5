using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    /// <summary>
    /// <c>GroupSets.Categorical(...)</c>: a named group set as a categorical factor, its groups in declared order, with the
    /// set's <c>on_overlap</c> policy.
    /// </summary>
    private string GroupSetFactory(GroupSetSymbol set, string subjects)
    {
        var table = _study.SubjectTable;
        var expressions = LambdaExpressions(table.Name);
        var type = RuntimeTypes.GroupDefinition + "<" + CohortRow + ">";
        var groups = set.Groups.Select(g =>
            "new " + type + "(" + CSharpLiterals.String(g.Name) + ", " + CSharpLiterals.String(g.Label) + ", r => " + expressions.Emit(g.Predicate) + ")");
        return RuntimeTypes.GroupSets + ".Categorical(" + subjects + ", " + CSharpLiterals.String(set.Name) + ", "
            + CSharpLiterals.String(table.Source) + ", " + CSharpLiterals.StringOrNull(table.Key) + ", r => " + SourceRowText + ", new " + type + "[] { "
            + string.Join(", ", groups) + " }, " + (set.ExcludeOverlapping ? "true" : "false") + ")";
    }

    /// <summary>What a cohort's rows are in <c>Run</c>: the row index into the table (columnar), or the typed record.</summary>
    private string CohortRow => _columns is null ? SubjectRow : "int";

    /// <summary>
    /// The cohort and child rows formed from the tables' column arrays, no records built: one local per column (the stored
    /// array, copied nowhere), criteria and groups as lambdas over a row index <c>r</c> (the same three-valued <c>Fn</c>
    /// code the records' predicates run, so the first failing criterion is still the only one evaluated for a subject),
    /// and every later lambda of <c>Run</c> (variables, populations, <c>where</c>) reading the same locals.
    /// </summary>
    private void EmitColumnarCohort(string subjects, Dictionary<string, string> tableLocals, LocalNames locals)
    {
        var subjectTable = _study.SubjectTable;
        var tables = new[] { subjectTable }.Concat(_study.Tables.Skip(1).Where(t => t.LinkColumn is not null)).ToList();
        var reads = new ColumnReads(_study.Tables);
        var tableData = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var data = locals.Allocate(table.Name + "_table");
            tableData.Add(table.Name, data);
            _w.Line("var " + data + " = run.Table(" + CSharpLiterals.String(table.Name) + ");");
            foreach (var column in table.Columns)
            {
                var local = locals.Allocate(table.Name + "_" + column.Name);
                var read = data + "." + ReaderMethod(column.Type.Kind) + "(" + CSharpLiterals.String(column.Name) + ")";
                if (column.Type.Kind == TypeKind.Text)
                {
                    // A text column's strings are made when a lambda first reads it, not here: the subject key is read only
                    // for a subject not analysed or when the cohort's keys are first asked for (CohortKeys).
                    reads.Add(column, local + ".Value");
                    _w.Line("var " + local + " = new " + RuntimeTypes.Lazy + "<string?[]>(() => " + read + ");");
                    continue;
                }

                reads.Add(column, local);
                _w.Line("var " + local + " = " + read + ";");
            }
        }

        _columns = reads;
        _subjectTableLocal = tableData[subjectTable.Name];
        var expressions = LambdaExpressions(subjectTable.Name);
        var criteria = locals.Allocate("criteria");
        var groups = locals.Allocate("groups");
        var criterion = RuntimeTypes.Criterion + "<int>";
        _w.Write("var " + criteria + " = ");
        EmitArray(criterion, _study.Criteria.Select(c =>
            "new(" + RuntimeTypes.CriterionKind + "." + c.Kind + ", " + CSharpLiterals.String(c.Label) + ", r => " + expressions.Emit(c.Predicate) + ")"));
        var group = RuntimeTypes.GroupDefinition + "<int>";
        _w.Write("var " + groups + " = ");
        EmitArray(group, _study.Groups.Select(g =>
            "new(" + CSharpLiterals.String(g.Name) + ", " + CSharpLiterals.String(g.Label) + ", r => " + expressions.Emit(g.Predicate) + ")"));
        _w.Line("var " + subjects + " = run.Cohort(" + _subjectTableLocal + ", r => " + SubjectKeyText(subjectTable) + ", " + criteria + ", " + groups + ");");
        foreach (var child in tables.Skip(1))
        {
            _w.Line("var " + tableLocals[child.Name] + " = run.Children(" + tableData[child.Name] + ", r => "
                + KeyText(child, child.LinkColumn!) + ", " + subjects + ");");
        }
    }

    /// <summary>The cohort formed from the typed records (a study whose derives read child-table aggregates, which are record properties).</summary>
    private void EmitRecordCohort(string subjects, Dictionary<string, string> tableLocals, LocalNames locals)
    {
        var subjectTable = _study.SubjectTable;
        var childRows = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var child in AggregateTables())
        {
            // Read once: the aggregates need the child rows before the cohort, the analyses after it.
            childRows.Add(child.Name, locals.Allocate(child.Name + "_rows"));
            _w.Line("var " + childRows[child.Name] + " = " + ReadTable(child) + ";");
        }

        _w.Line("var " + subjects + " = run.Cohort(" + SubjectRowsExpression(ReadTable(subjectTable), childRows)
            + ", r => " + SubjectKeyText(subjectTable) + ", r => r.SourceRow, Criteria, Groups);");
        foreach (var child in _study.Tables.Skip(1).Where(t => t.LinkColumn is not null))
        {
            _w.Line("var " + tableLocals[child.Name] + " = run.Children(" + CSharpLiterals.String(child.Name) + ", "
                + (childRows.TryGetValue(child.Name, out var read) ? read : ReadTable(child)) + ", r => "
                + KeyText(child, child.LinkColumn!) + ", " + subjects + ");");
        }
    }
}
