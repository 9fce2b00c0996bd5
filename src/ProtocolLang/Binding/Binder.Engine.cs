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
        if (RefuseEngineNegativeBinomial(analysis))
        {
            return;
        }

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

        if (analysis is BoundLinearModel linear)
        {
            CheckEngineLinear(sql, linear);
        }

        if (analysis is BoundGlmModel glm)
        {
            CheckEngineRegression(sql, glm.Response, glm.Terms, glm.Source, glm.Span);
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

        if (analysis is BoundLinearModel linear)
        {
            if (linear.Robust != RobustStandardErrors.None)
            {
                yield return ("robust " + linear.Robust.ToString().ToLowerInvariant(), "sandwich standard errors need each subject's residual and leverage, and an engine returns only the cross-products");
            }

            if (linear.Means is not null)
            {
                yield return ("means", "the marginal means of an engine fit are not computed yet (the reference grid's numeric means and the fit's covariance would suffice; not built)");
            }
        }

        if (analysis is BoundGlmModel glm)
        {
            if (glm.Offset is not null)
            {
                yield return ("offset", "the null deviance with an offset is a second IRLS fit, which the engine path does not run yet");
            }

            if (glm.Family == GlmModelFamily.QuasiPoisson)
            {
                yield return ("family quasi", "Pearson's dispersion needs the last step's working weights with the final residuals, which the engine query does not return yet");
            }

            if (glm.Means is not null)
            {
                yield return ("means", "the marginal means of an engine fit are not computed yet");
            }
        }
    }
}
