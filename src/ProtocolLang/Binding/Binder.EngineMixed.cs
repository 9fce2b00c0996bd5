using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;

namespace ProtocolLang.Binding;

/// <summary>
/// Child tables and <c>model mixed</c> under <c>compute in engine</c>. A child table is read where its subject table
/// lives (the same DuckDB run, PostgreSQL or ClickHouse connection: the runtime's <c>EngineSource.OpenChild</c> joins it
/// to the subjects in one query); anywhere else is PL2274 with the reason. <c>model mixed</c> is fitted from per-subject
/// sums (the runtime's <c>SqlMixedModel</c>) for group, time and factor(time) terms with a random intercept and/or slope
/// on time; subject or row covariates, <c>means</c>, <c>anova type1</c> and a reference other than the group's are
/// PL2283 (a repeated outcome in another analysis is refused in memory too, PL2025).
/// </summary>
public sealed partial class Binder
{
    /// <summary>The bound tables while <see cref="CheckEngineMode"/> runs (a repeated outcome's value is an expression over its child table).</summary>
    private System.Collections.Immutable.ImmutableArray<TableSymbol> _engineTables = System.Collections.Immutable.ImmutableArray<TableSymbol>.Empty;

    /// <summary>Why <paramref name="child"/> cannot be read in <paramref name="subjects"/>' engine (null: it can), as the runtime's <c>EngineSource.ChildRefusal</c> says it.</summary>
    internal static string? EngineChildRefusal(TableSymbol subjects, TableSymbol child)
    {
        static bool DuckDbRun(TableSourceKind kind) => kind is TableSourceKind.Csv or TableSourceKind.Parquet or TableSourceKind.DuckDb;
        return (subjects.SourceKind, child.SourceKind) switch
        {
            (TableSourceKind.DuckDb, TableSourceKind.DuckDb) when subjects.Source != child.Source =>
                "its DuckDB file '" + child.Source + "' is not the subject table's '" + subjects.Source + "'",
            var (s, c) when DuckDbRun(s) && (c is TableSourceKind.Csv or TableSourceKind.Parquet || (s == TableSourceKind.DuckDb && c == TableSourceKind.DuckDb)) => null,
            (TableSourceKind.Postgres, TableSourceKind.Postgres) or (TableSourceKind.ClickHouse, TableSourceKind.ClickHouse) when subjects.Source == child.Source => null,
            (TableSourceKind.Postgres, TableSourceKind.Postgres) or (TableSourceKind.ClickHouse, TableSourceKind.ClickHouse) =>
                "its connection '" + child.Source + "' is not the subject table's '" + subjects.Source + "'; an engine joins a child table to its subjects on one connection",
            _ => "its source (" + child.SourceKind + ") is not in the subject table's engine (" + subjects.SourceKind + "); an engine joins a child table to its subjects in one query",
        };
    }

    private void CheckEngineChildTable(TableSymbol subjects, TableSymbol child)
    {
        if (EngineChildRefusal(subjects, child) is { } refusal)
        {
            _diagnostics.Add(DiagnosticDescriptors.TableNotInEngine, child.Span, child.Name, refusal);
        }
    }

    private void CheckEngineMixed(BoundMixedModel model)
    {
        void Refuse(string what) => _diagnostics.Add(DiagnosticDescriptors.EngineMixedNotSupported, model.Span, model.Source, what);
        foreach (var factor in model.FixedTerms.SelectMany(t => t.Factors).Where(f => f.Kind is not (TermFactorKind.Group or TermFactorKind.Time or TermFactorKind.TimeAsFactor))
            .GroupBy(f => f.Name).Select(g => g.First()))
        {
            Refuse("the term '" + factor.Name + "' is a " + (factor.RowValue is not null ? "covariate of the outcome's rows" : "covariate of the subject")
                + ", whose values the per-subject sums do not carry yet");
        }

        foreach (var reference in model.References.Where(r => r.Factor != "group"))
        {
            Refuse("'reference " + reference.Factor + " = " + reference.Level + "' (only the group's reference is fitted in an engine)");
        }

        if (model.Means is not null)
        {
            Refuse("'means' (the visit means and their contrasts are not computed from the engine's sums yet)");
        }

        if (model.TypeI)
        {
            Refuse("'anova type1' (the sequential F tests are not computed from the engine's sums yet)");
        }

        var table = _engineTables.FirstOrDefault(t => t.Name == model.Response.RepeatedTable);
        if (table is not null)
        {
            var sql = new SqlExpressionEmitter(table);
            CheckEngineForm(sql, model.Response.RepeatedValue, "the value of outcome '" + model.Response.Name + "'", model.Span);
            CheckEngineForm(sql, model.Response.RepeatedTime, "the time of outcome '" + model.Response.Name + "'", model.Span);
        }
    }
}
