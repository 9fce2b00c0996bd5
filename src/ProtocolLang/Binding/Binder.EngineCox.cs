using ProtocolLang.Diagnostics;
using ProtocolLang.Emit;

namespace ProtocolLang.Binding;

/// <summary>
/// <c>model cox</c> and stratified <c>test logrank</c> under <c>compute in engine</c>: the runtime fits Cox from per-time
/// sums (SqlCox), with covariates coded as SQL: the group, numbers, bools and categories of the subject table. What
/// that cannot express is refused here: an interaction (PL2281), a proportional-hazards test, which needs each
/// subject's residuals (PL2282: the default <c>zph km</c> too, so an engine Cox says <c>zph none</c>), exact ties and
/// subgroups (PL2276), and any covariate or stratum without an SQL form (PL2278).
/// </summary>
public sealed partial class Binder
{
    private void CheckEngineCox(SqlExpressionEmitter sql, BoundCox cox)
    {
        foreach (var term in cox.Terms)
        {
            if (!term.Interaction.IsEmpty)
            {
                _diagnostics.Add(DiagnosticDescriptors.EngineCoxTermNotSupported, cox.Span, cox.Source, string.Join(":", System.Linq.Enumerable.Select(term.Interaction, f => f.Covariate?.Name ?? "group")),
                    "an interaction's design columns (the products of its factors' columns) are not formed by the engine's query yet");
                continue;
            }

            if (term.Covariate is { } covariate)
            {
                CheckEngineVariable(sql, covariate, "covariate", cox.Span);
            }
        }

        foreach (var stratum in cox.Strata)
        {
            CheckEngineVariable(sql, stratum, "stratum", cox.Span);
        }

        if (cox.Zph != ZphTransform.None)
        {
            _diagnostics.Add(DiagnosticDescriptors.EngineCoxZph, cox.Span, cox.Source, cox.Zph.ToString().ToLowerInvariant(),
                cox.Zph == ZphTransform.Km ? ", the default" : string.Empty);
        }
    }

    /// <summary>A covariate's or stratum's value needs an SQL form (a group set or a child table's outcome is refused elsewhere: PL2280, PL2274).</summary>
    private void CheckEngineVariable(SqlExpressionEmitter sql, BoundVariable variable, string role, Text.TextSpan span)
    {
        BoundExpression? value = variable switch
        {
            { GroupSet: not null } or { Outcome.Kind: OutcomeKind.Repeated } => null,
            { Outcome: { } outcome } => outcome.Value,
            { Expression: { } expression } => expression,
            { Column: { } column } => new BoundColumnReference(column, column.Span),
            { Derive: { } derive } => new BoundDeriveReference(SubjectScope?.Name ?? string.Empty, derive.Name, derive.Type, derive.Span),
            _ => null,
        };
        CheckEngineForm(sql, value, "the " + role + " '" + variable.Name + "'", span);
    }
}
