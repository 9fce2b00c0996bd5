using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Statistics.Mixed;

namespace ProtocolLang.Runtime.Sql;

/// <summary>
/// A mixed model's fixed-effects design as SQL: every column of the over-parameterised design (lmerTest's
/// <c>get_rdX</c>, of which X's columns are a subset) as an expression over a kept row's <c>first_group</c> and <c>t</c>,
/// named and ordered as <see cref="FixedEffectsDesign.Build"/> names and orders them, and the layout the kernel fits from.
/// </summary>
/// <remarks>
/// The columns are built here by the rule <see cref="FixedEffectsDesign"/> follows (R's <c>model.matrix</c>: a term's
/// columns run over its variables' levels with the first varying fastest; an entry is the product of a level indicator
/// per factor and the numbers) and checked name by name against the design the kernel builds from the same levels with
/// no rows, so SQL and C# cannot drift apart unnoticed. Each entry is 0 or 1 for factors and the time itself for a
/// numeric time: the products are exact, the engine's sums of them differ from the in-memory ones only by the order of
/// addition.
/// </remarks>
internal sealed class SqlMixedDesign
{
    private SqlMixedDesign(FixedEffectsLayout layout, string[] fullColumns, MeansGrid? means)
    {
        Layout = layout;
        FullColumns = fullColumns;
        Means = means;
    }

    /// <summary>X's and the full design's shape: names, terms, the factors' levels, a numeric time's mean over the rows.</summary>
    public FixedEffectsLayout Layout { get; }

    /// <summary>Each full-design column's SQL over a kept row (aliases <c>first_group</c>, <c>t</c>).</summary>
    public string[] FullColumns { get; }

    /// <summary>emmeans' group × time cells, for a model with the group and factor(time); else null.</summary>
    public MeansGrid? Means { get; }

    /// <param name="groupLevels">The group factor's levels, as indices of <paramref name="spec"/>'s groups (the reference first).</param>
    /// <param name="timeLevels">The distinct times of the kept rows, ascending.</param>
    /// <param name="timeMean">The mean time of the kept rows (a numeric time's reference-grid value).</param>
    public static SqlMixedDesign Build(SqlMixedSpec spec, IReadOnlyList<int> groupLevels, IReadOnlyList<double> timeLevels, double timeMean, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string factorName = $"factor({spec.TimeName})";
        var variables = spec.Variables.Select(kind => kind switch
        {
            SqlMixedVariableKind.Group => DesignVariable.Factor(spec.GroupTerm, [], groupLevels.Select(g => spec.GroupNames[g]).ToArray()),
            SqlMixedVariableKind.TimeAsFactor => DesignVariable.Factor(factorName, [], timeLevels.Select(ModelText.Number).ToArray()),
            _ => DesignVariable.Numeric(spec.TimeName, []),
        }).ToArray();
        var design = FixedEffectsDesign.Build(0, variables, spec.Terms);

        string One = dialect.Number(1);
        string Indicator(string condition) => dialect.ToDouble(dialect.Indicator(condition));
        (string Name, string Sql)[] Parts(int v) => spec.Variables[v] switch
        {
            SqlMixedVariableKind.Group => groupLevels.Select(g => (spec.GroupTerm + spec.GroupNames[g],
                Indicator("(" + dialect.Alias("first_group") + " = " + g.ToString(CultureInfo.InvariantCulture) + ")"))).ToArray(),
            SqlMixedVariableKind.TimeAsFactor => timeLevels.Select(t => (factorName + ModelText.Number(t), Indicator("(" + dialect.Alias("t") + " = " + dialect.Number(t) + ")"))).ToArray(),
            _ => [(spec.TimeName, dialect.Alias("t"))],
        };

        var full = new List<(string Name, string Sql)> { ("(Intercept)", One) };
        foreach (int[] term in design.Terms)
        {
            IEnumerable<(string Name, string? Sql)> columns = [(string.Empty, null)];
            foreach (int v in term)
            {
                var previous = columns.ToArray();
                columns = Parts(v).SelectMany(p => previous.Select(q => (
                    q.Name.Length == 0 ? p.Name : q.Name + ":" + p.Name,
                    (string?)(q.Sql is null ? p.Sql : "(" + q.Sql + " * " + p.Sql + ")")))).ToArray();
            }

            full.AddRange(columns.Select(c => (c.Name, c.Sql!)));
        }

        if (!full.Select(c => c.Name).SequenceEqual(design.FullNames, StringComparer.Ordinal))
        {
            throw new InvalidOperationException("Bug: the SQL design's columns (" + string.Join(", ", full.Select(c => c.Name))
                + ") are not the kernel's (" + string.Join(", ", design.FullNames) + ").");
        }

        var shapes = variables.Select(v => new DesignVariableShape(v.Name, v.Levels, v.IsFactor ? double.NaN : timeMean)).ToArray();
        var layout = new FixedEffectsLayout(design.ColumnNames, design.ColumnTerm, design.TermNames, design.Terms, shapes, design.FullNames);
        int group = spec.Variables.ToList().IndexOf(SqlMixedVariableKind.Group);
        int time = spec.Variables.ToList().IndexOf(SqlMixedVariableKind.TimeAsFactor);
        MeansGrid? means = group >= 0 && time >= 0 ? ReferenceGrid.CellMeans(layout, [group, time]) : null;
        return new SqlMixedDesign(layout, full.Select(c => c.Sql).ToArray(), means);
    }
}
