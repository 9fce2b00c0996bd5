using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

public sealed partial class CSharpEmitter
{
    private void EmitAnalysis(BoundAnalysis analysis, Dictionary<string, string> variables, string subjects, Dictionary<string, string> tableLocals)
    {
        var source = AnalysisInfo(analysis, variables, subjects);
        switch (analysis)
        {
            case BoundDescribe d:
                var describeArguments = new[] { source };
                if (!d.Statistics.IsEmpty || d.QuantileType != 7 || d.Decimals is not null || !d.VariableDecimals.IsEmpty)
                {
                    describeArguments = [source, DescribeOptions(d)];
                }

                _w.Line("run.Describe(" + string.Join(", ", describeArguments.Concat(d.Variables.Select(v => variables[v.Name]))) + ");");
                break;
            case BoundCompare { Effect: { } effect } c:
                EmitCompareEffect(c, effect, source, variables);
                break;
            case BoundCompare c:
                _w.Line("run.Compare(" + source + ",");
                _w.Indent();
                _w.Line(VariableArray(c.Variables, variables) + ",");
                _w.Line(Pairing(c.Pairing) + ",");
                _w.Line(RuntimeTypes.TestKind + "." + c.Test + ", " + RuntimeTypes.AdjustMethod + "." + c.Adjust + TestOptions(c.Options) + ");");
                _w.Unindent();
                break;
            case BoundMixedModel m:
                EmitMixedModel(m, source, variables, tableLocals);
                break;
            case BoundKaplanMeier k:
                var times = k.Times.IsEmpty ? RuntimeTypes.Array + ".Empty<double>()" : "new double[] { " + string.Join(", ", k.Times.Select(CSharpLiterals.Number)) + " }";
                _w.Line("run.KaplanMeier(" + source + ", " + variables[k.Outcome.Name] + ", " + times + ", " + RuntimeTypes.SurvivalConfType + "." + k.ConfType
                    + (k.ConfBand ? ", confBand: true" : string.Empty) + ");");
                break;
            case BoundLogRank l:
                _w.Line("run.LogRank(" + source + ", " + variables[l.Outcome.Name] + ", " + CSharpLiterals.Number(l.Rho) + ", "
                    + (l.Strata is null ? "null" : variables[l.Strata.Name])
                    + (l.Pairwise ? ", pairwise: " + RuntimeTypes.AdjustMethod + "." + l.Adjust : string.Empty) + ");");
                break;
            case BoundCox c:
                _w.Line("run.Cox(" + source + ",");
                _w.Indent();
                _w.Line("new " + RuntimeTypes.CoxSpec + "(");
                _w.Indent();
                _w.Line(variables[c.Outcome.Name] + ",");
                var terms = c.Terms.Select(t => t.Interaction.IsEmpty ? "new(" + CoxTermArguments(t, variables) + ")" : CoxTerm(t, variables));
                _w.Line(Array(RuntimeTypes.CoxTerm, terms) + ",");
                _w.Line(RuntimeTypes.TiesMethod + "." + c.Ties + ",");

                // Only a model with another time scale or subgroups names them, so the generated code of every other model stays as it was.
                var named = new List<string>();
                if (c.Zph != ZphTransform.Km)
                {
                    named.Add("Zph: " + RuntimeTypes.ZphTransform + "." + c.Zph);
                }

                if (c.Subgroups is { } subgroups)
                {
                    named.Add("Subgroups: " + CoxSubgroups(subgroups, variables));
                }

                _w.Line(VariableArray(c.Strata, variables) + (named.Count == 0 ? "));" : ","));
                for (int i = 0; i < named.Count; i++)
                {
                    _w.Line(named[i] + (i == named.Count - 1 ? "));" : ","));
                }

                _w.Unindent();
                _w.Unindent();
                break;
            case BoundLinearModel l:
                EmitLinearModel(l, source, variables);
                break;
            case BoundGlmModel g:
                EmitGlmModel(g, source, variables);
                break;
        }
    }

    /// <summary><c>new CoxTerm(variable, "reference")</c>, or <c>CoxTerm.Product(...)</c> of an interaction's factors.</summary>
    private static string CoxTerm(BoundCoxTerm term, Dictionary<string, string> variables) => term.Interaction.IsEmpty
        ? "new " + RuntimeTypes.CoxTerm + "(" + CoxTermArguments(term, variables) + ")"
        : RuntimeTypes.CoxTerm + ".Product(" + string.Join(", ", term.Interaction.Select(f => CoxTerm(f, variables))) + ")";

    /// <summary><c>new CoxSubgroupSpec(treatment, new CoxTerm[] { ... })</c>: a bool expression is its levels-as-written factor, as in <c>by</c>.</summary>
    private static string CoxSubgroups(BoundCoxSubgroups subgroups, Dictionary<string, string> variables)
    {
        var factors = subgroups.Factors.Select(f => "new(" + (f.Covariate is null ? "null" : variables[VariableKey(f.Covariate)]) + ", "
            + CSharpLiterals.StringOrNull(f.ReferenceLevel) + ")");
        return "new " + RuntimeTypes.CoxSubgroupSpec + "(" + subgroups.Treatment.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", "
            + Array(RuntimeTypes.CoxTerm, factors) + ")";
    }

    private static string CoxTermArguments(BoundCoxTerm term, Dictionary<string, string> variables) =>
        (term.Covariate is null ? "null" : variables[term.Covariate.Name]) + ", " + CSharpLiterals.StringOrNull(term.ReferenceLevel);

    private void EmitMixedModel(BoundMixedModel m, string source, Dictionary<string, string> variables, Dictionary<string, string> tableLocals)
    {
        _w.Line("run.MixedModel(" + source + ",");
        _w.Indent();
        _w.Line("new " + RuntimeTypes.MixedModelSpec + "(");
        _w.Indent();
        _w.Line((m.Scope.RowWhere is { } rows ? RepeatedFactory(m.Response, tableLocals, rows, m.Scope.RowWhereText) : variables[m.Response.Name]) + ",");
        _w.Line(RuntimeTypes.ResponseTransform + "." + m.Transform + ",");
        _w.Line("new " + RuntimeTypes.ModelTerm + "[]");
        _w.OpenBrace();
        foreach (var term in m.FixedTerms)
        {
            var factors = term.Factors.Select(f => "new(" + CSharpLiterals.String(f.Name) + ", " + RuntimeTypes.TermFactorKind + "." + f.Kind
                + (f.RowValue is { } row ? ", " + RowTermFactory(m, f.Name, row, tableLocals)
                    : f.Covariate is null ? string.Empty : ", " + variables[f.Covariate.Name]) + ")");
            _w.Line("new(new " + RuntimeTypes.TermFactor + "[] { " + string.Join(", ", factors) + " }),");
        }

        _w.CloseBrace(",");
        var random = m.RandomEffects.Select(r => "new(" + CSharpLiterals.String(r.Grouping) + ", " + (r.Intercept ? "true" : "false") + ", "
            + CSharpLiterals.StringOrNull(r.Slope) + ")");
        _w.Line(Array(RuntimeTypes.RandomEffect, random) + ",");
        var allGroups = m.IncludedGroups.SequenceEqual(_study.Groups.Select(g => g.Name));
        _w.Line((allGroups ? "GroupsIncluded: null" : "GroupsIncluded: " + StringArray(m.IncludedGroups)) + ",");
        // Only a model with `reference` (or an MMRM) names them, so the generated code of every other model stays as it was.
        var named = new List<string> { "Reml: " + (m.Reml ? "true" : "false") };
        if (!m.References.IsEmpty)
        {
            var references = m.References.Select(r => "new(" + CSharpLiterals.String(r.Factor) + ", " + CSharpLiterals.String(r.Level) + ")");
            named.Add("References: " + Array(RuntimeTypes.LinearReference, references));
        }

        if (m.Mmrm is { } mmrm)
        {
            var covariance = mmrm.Covariance switch
            {
                "cs" => "CompoundSymmetry",
                "ar1" => "Ar1",
                "toep" => "Toeplitz",
                _ => "Unstructured",
            };
            named.Add("Mmrm: new " + RuntimeTypes.MmrmOptions + "(" + RuntimeTypes.MmrmCovarianceKind + "." + covariance + ", "
                + CSharpLiterals.String(mmrm.Subject) + ")");
        }

        if (m.Means is { } means)
        {
            named.Add("Means: new " + RuntimeTypes.VisitMeansSpec + "(" + CSharpLiterals.String(means.Factor) + ", " + (means.Pairwise ? "true" : "false") + ", "
                + RuntimeTypes.LinearContrastAdjust + "." + means.Adjust + ")");
        }

        if (m.TypeI)
        {
            named.Add("TypeI: true");
        }

        if (m.KenwardRoger)
        {
            named.Add("Df: " + RuntimeTypes.DegreesOfFreedomMethod + ".KenwardRoger");
        }

        if (m.RmAnova is { } rmAnova)
        {
            named.Add("RmAnova: new " + RuntimeTypes.RmAnovaOptions + "(" + CSharpLiterals.String(rmAnova.Subject) + ")");
        }

        for (int i = 0; i < named.Count; i++)
        {
            _w.Line(named[i] + (i == named.Count - 1 ? "));" : ","));
        }
        _w.Unindent();
        _w.Unindent();
    }

    /// <summary><c>run.Population(name, label, conditions)</c> for each population: after the cohort, before the analyses.</summary>
    private void EmitPopulations(string subjects)
    {
        if (_study.Populations.IsEmpty)
        {
            return;
        }

        _w.Line();
        _w.Line("// Populations");
        var expressions = LambdaExpressions(_study.SubjectTable.Name);
        foreach (var population in _study.Populations)
        {
            var conditions = population.Conditions.Select(c =>
            {
                var text = CSharpLiterals.String(c.Text);
                return "new(" + text + ", " + RuntimeTypes.Variables + ".Binary(" + subjects + ", " + CSharpLiterals.String(population.Name) + ", " + text
                    + ", r => " + expressions.Emit(c.Condition) + "))";
            });
            _w.Line("run.Population(" + CSharpLiterals.String(population.Name) + ", " + CSharpLiterals.String(population.Label) + ", "
                + Array(RuntimeTypes.PopulationCondition, conditions) + ");");
        }
    }

    /// <summary>
    /// <c>new AnalysisInfo("id", "source")</c>, with <c>{ Scope = new AnalysisScope { ... } }</c> when the analysis has
    /// scope clauses. A subject-level <c>where</c> becomes a bool variable over the subjects; a mixed model's <c>where</c>
    /// over its child rows is applied to its response instead (see <see cref="RepeatedFactory"/>).
    /// </summary>
    private string AnalysisInfo(BoundAnalysis analysis, Dictionary<string, string> variables, string subjects)
    {
        var info = "new " + RuntimeTypes.AnalysisInfo + "(" + CSharpLiterals.String(analysis.Id) + ", " + CSharpLiterals.String(analysis.Source) + ")";
        var scope = analysis.Scope;
        var parts = new List<string>();
        if (scope.Population is { } population)
        {
            parts.Add("Population = " + CSharpLiterals.String(population));
        }

        if (scope.Where is { } where && scope.WhereTable == _study.SubjectTable.Name)
        {
            var text = CSharpLiterals.String(scope.WhereText ?? string.Empty);
            parts.Add("Where = " + RuntimeTypes.Variables + ".Binary(" + subjects + ", \"where\", " + text + ", r => "
                + LambdaExpressions(_study.SubjectTable.Name).Emit(where) + ")");
            parts.Add("WhereText = " + text);
            if (scope.SubjectWhereText is { } subjectPart)
            {
                parts.Add("SubjectWhereText = " + CSharpLiterals.String(subjectPart));
            }
        }

        // A mixed model's row subset is applied to its response (EmitMixedModel); the scope names it for the results.
        if (scope.RowWhereText is { } rowPart)
        {
            if (scope.Where is null)
            {
                parts.Add("WhereText = " + CSharpLiterals.String(scope.WhereText ?? rowPart));
            }

            parts.Add("RowWhereText = " + CSharpLiterals.String(rowPart));
        }

        var by = scope.By.Select(f => variables[f.Variable is { } v ? VariableKey(v) : StudyGroupsVariable]).ToList();
        if (by.Count > 0)
        {
            parts.Add("By = " + Array(RuntimeTypes.Variable, by));
        }

        if (scope.Overall)
        {
            parts.Add("Overall = true");
        }

        if (scope.Within is { } within)
        {
            parts.Add("Within = " + variables[within.Variable is { } v ? VariableKey(v) : StudyGroupsVariable]);
        }

        return parts.Count == 0 ? info : info + " { Scope = new " + RuntimeTypes.AnalysisScope + " { " + string.Join(", ", parts) + " } }";
    }

    /// <summary><c>new DescribeOptions(new DescribeStatistic[] { ... }, QuantileType: n[, Decimals: d])</c>; statistics null for the default table.</summary>
    private static string DescribeOptions(BoundDescribe d)
    {
        var statistics = d.Statistics.IsEmpty ? "null" : Array(RuntimeTypes.DescribeStatistic, d.Statistics.Select(s => RuntimeTypes.DescribeStatistic + "." + s));
        string decimals = d.Decimals is { } n ? ", Decimals: " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        if (!d.VariableDecimals.IsEmpty)
        {
            decimals += ", VariableDecimals: new (string, int)[] { " + string.Join(", ", d.VariableDecimals.Select(v =>
                "(" + CSharpLiterals.String(v.Variable) + ", " + v.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")")) + " }";
        }

        return "new " + RuntimeTypes.DescribeOptions + "(" + statistics + ", QuantileType: " + d.QuantileType.ToString(System.Globalization.CultureInfo.InvariantCulture) + decimals + ")";
    }

    /// <summary>Nothing for R's defaults, so that plain statements read as before; else <c>, new TestOptions(...)</c>.</summary>
    private static string TestOptions(BoundTestOptions options) =>
        options == BoundTestOptions.Default
            ? string.Empty
            : ", new " + RuntimeTypes.TestOptions + "(" + RuntimeTypes.ExactMode + "." + options.Exact + ", Correct: " + (options.Correct ? "true" : "false")
                + (options.CenterMean ? ", CenterMean: true" : string.Empty)
                + (options.ConfInt ? string.Empty : ", ConfInt: false") + ")";

    private static string Pairing(BoundPairing pairing) => pairing switch
    {
        TwoGroupsPairing t => "new " + RuntimeTypes.Pairing + ".TwoGroups(" + CSharpLiterals.String(t.First) + ", " + CSharpLiterals.String(t.Second) + ")",
        VsReferencePairing v => "new " + RuntimeTypes.Pairing + ".VsReference(" + CSharpLiterals.String(v.Reference) + ", " + StringArray(v.Others) + ")",
        AllPairsPairing => "new " + RuntimeTypes.Pairing + ".AllPairs()",
        _ => "new " + RuntimeTypes.Pairing + ".AcrossGroups()",
    };

    private static string StringArray(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? RuntimeTypes.Array + ".Empty<string>()" : "new[] { " + string.Join(", ", list.Select(CSharpLiterals.String)) + " }";
    }

    private static string VariableArray(IEnumerable<BoundVariable> used, Dictionary<string, string> variables) =>
        Array(RuntimeTypes.Variable, used.Select(v => variables[v.Name]));

    private static string Array(string elementType, IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? RuntimeTypes.Array + ".Empty<" + elementType + ">()" : "new " + elementType + "[] { " + string.Join(", ", list) + " }";
    }
}
