using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>compute in engine</c>: the rows stay where they live and every analysis is computed from the engine's sufficient
/// statistics. Whatever cannot be computed that way yet is refused here, at compile time, with the reason (PL2273–PL2287),
/// never by reading the rows behind the study's back: the subject table's source, a child table outside its engine, each analysis's kind (the
/// catalog's <see cref="AnalysisKind.Engine"/>), its options and its scope, expressions without an SQL form (<c>round</c>,
/// child aggregates), <c>on_invalid exclude</c>, populations and group sets.
/// </summary>
public sealed partial class Binder
{
    private const string EnginePlace = "engine";

    /// <summary>The subject table's name while <see cref="CheckEngineMode"/> runs (a derive reference names its table).</summary>
    private string _engineSubjectTable = string.Empty;

    /// <summary>True when the study says <c>compute in engine</c> (one at most; any other word after <c>in</c> is PL2273).</summary>
    private bool BindCompute(ImmutableArray<DeclarationSyntax> declarations)
    {
        var compute = Single<ComputeSyntax>(declarations, "compute");
        if (compute is null)
        {
            return false;
        }

        if (compute.Place.Name != EnginePlace)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownComputePlace, compute.Place.Span, compute.Place.Name);
            return false;
        }

        return true;
    }

    /// <summary>Reports everything of the bound study that an engine run cannot compute yet.</summary>
    private void CheckEngineMode(
        ImmutableArray<TableSymbol> tables, ImmutableArray<BoundCriterion> criteria, ImmutableArray<BoundAnalysis> analyses,
        ImmutableArray<BoundPopulation> populations)
    {
        var subjects = tables[0];
        _engineTables = tables;
        if (EngineSourceRefusal(subjects.SourceKind) is { } refusal)
        {
            _diagnostics.Add(DiagnosticDescriptors.TableNotInEngine, subjects.Span, subjects.Name, refusal);
        }

        if (subjects.SourceKind == TableSourceKind.ClickHouse)
        {
            foreach (var column in subjects.Columns.Where(c => IsEngineQueryName(c.Name)))
            {
                _diagnostics.Add(DiagnosticDescriptors.EngineColumnNameReserved, column.Span, column.Name, subjects.Name, EngineQueryNames);
            }
        }

        foreach (var table in tables.Skip(1))
        {
            CheckEngineChildTable(subjects, table);
        }

        if (tables.Any(t => t.ExcludeInvalidRows))
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineInvalidRowsExclude, subjects.Span);
        }

        foreach (var population in populations)
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineSubsetNotSupported, population.Span, "population", population.Name);
        }

        foreach (var set in _groupSets)
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineSubsetNotSupported, set.Span, "group set", set.Name);
        }

        var sql = new SqlExpressionEmitter(subjects);
        _engineSubjectTable = subjects.Name;
        foreach (var criterion in criteria)
        {
            CheckEngineForm(sql, criterion.Predicate, "criterion '" + criterion.Label + "'", criterion.Span);
        }

        foreach (var group in _groups)
        {
            CheckEngineForm(sql, group.Predicate, "group '" + group.Name + "'", group.Span);
        }

        foreach (var analysis in analyses)
        {
            CheckEngineAnalysis(sql, analysis);
        }
    }

    /// <summary>The names the runtime's engine queries (src/Runtime/Sql) give their own columns and subqueries.</summary>
    private const string EngineQueryNames = "reason, missing, matched, first_group, ok, t, s, n, v, k, d, r, f, raw, has_parent, eta, subjects, kept, complete, linear, risks, x0, x1, ..., c0, c1, ..., st, st0, st1, ...";

    private static readonly HashSet<string> EngineQueryWords = new(System.StringComparer.Ordinal)
    {
        "reason", "missing", "matched", "first_group", "ok", "t", "s", "n", "v", "k", "d", "r", "f", "raw", "has_parent", "eta", "st", "subjects", "kept", "complete", "linear", "risks",
    };

    /// <summary>
    /// Whether <paramref name="name"/> is one the engine queries alias (x0.., c0.., st0.. included). ClickHouse (names are case-sensitive there) lets an
    /// alias stand for a name anywhere in the query, so a table column of that name would silently read the alias (a
    /// covariate 'x3' became the query's x3, another covariate); DuckDB and PostgreSQL scope aliases and are not affected.
    /// </summary>
    internal static bool IsEngineQueryName(string name) =>
        EngineQueryWords.Contains(name)
        || (name.Length > 1 && (name[0] is 'x' or 'c') && name.Skip(1).All(char.IsDigit))
        || (name.Length > 2 && name.StartsWith("st", System.StringComparison.Ordinal) && name.Skip(2).All(char.IsDigit));

    /// <summary>
    /// Why a subject table of this source kind cannot be computed in an engine (null: it can). A CSV file is read by
    /// DuckDB's <c>read_csv</c>; Parquet and DuckDB files by DuckDB; a PostgreSQL or ClickHouse table by its server. A new
    /// engine source is one more case here and one in the runtime's <c>EngineSource</c>.
    /// </summary>
    private static string? EngineSourceRefusal(TableSourceKind kind) => kind switch
    {
        TableSourceKind.Csv or TableSourceKind.Parquet or TableSourceKind.DuckDb or TableSourceKind.Postgres or TableSourceKind.ClickHouse => null,
        _ => "its source kind has no engine yet",
    };

    private void CheckEngineForm(SqlExpressionEmitter sql, BoundExpression? expression, string what, Text.TextSpan span)
    {
        if (expression is not null && sql.TryEmit(expression, out var unmapped) is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoEngineForm, span, what, unmapped ?? "no SQL form");
        }
    }

    private void CheckEngineAnalysis(SqlExpressionEmitter sql, BoundAnalysis analysis)
    {
        var kind = AnalysisCatalog.Kinds.FirstOrDefault(k => analysis.Source == k.Keywords || analysis.Source.StartsWith(k.Keywords + " ", System.StringComparison.Ordinal));
        var support = kind?.Engine ?? EngineCatalog.Of(string.Empty);
        if (!support.Supported)
        {
            _diagnostics.Add(DiagnosticDescriptors.AnalysisNotInEngine, analysis.Span, analysis.Source, support.Reason!);
            return;
        }

        var scope = analysis.Scope;
        var clause = scope.Where is not null || scope.RowWhere is not null ? "where"
            : scope.Population is not null ? "in"
            : scope.Within is not null ? "within"
            : scope.Overall ? "overall"
            : scope.By.Any(f => !f.IsGroup) ? "by"
            : null;
        if (clause is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineScopeNotSupported, analysis.Span, analysis.Source, clause);
            return;
        }

        foreach (var (option, reason) in EngineOptionRefusals(analysis))
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineOptionNotSupported, analysis.Span, analysis.Source, option + ": " + reason);
        }

        CheckEngineTable(sql, analysis);

        var outcome = analysis switch
        {
            BoundKaplanMeier km => km.Outcome,
            BoundLogRank lr => lr.Outcome,
            BoundCox cox => cox.Outcome,
            _ => null,
        };
        if (outcome is not null)
        {
            CheckEngineForm(sql, outcome.Time, "the time of outcome '" + outcome.Name + "'", analysis.Span);
            CheckEngineForm(sql, outcome.Event, "the event of outcome '" + outcome.Name + "'", analysis.Span);
        }

        if (analysis is BoundLogRank { Strata: { } strata })
        {
            CheckEngineVariable(sql, strata, "stratum", analysis.Span);
        }

        if (analysis is BoundCox model)
        {
            CheckEngineCox(sql, model);
        }

        if (analysis is BoundMixedModel mixed)
        {
            CheckEngineMixed(mixed);
        }
    }

    /// <summary>The options of a supported kind that its engine form does not take yet, each with the reason.</summary>
    private static IEnumerable<(string Option, string Reason)> EngineOptionRefusals(BoundAnalysis analysis)
    {
        if (analysis is BoundCox cox)
        {
            if (cox.Ties == TiesMethod.Exact)
            {
                yield return ("ties exact", "the exact partial likelihood needs each risk set's subjects, which per-time sums do not determine; use ties efron or breslow");
            }

            if (cox.Subgroups is not null)
            {
                yield return ("subgroup", "the subgroup refits and interaction tests are not computed in an engine yet");
            }
        }
    }
}
