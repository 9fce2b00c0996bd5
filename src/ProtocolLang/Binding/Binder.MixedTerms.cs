using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// Mixed-model fixed terms written as expressions (issue 12, item 7). An expression over subject-level names
/// (<c>log(dose)</c>, <c>age / 10</c>, <c>factor(age >= 65)</c>) is a subject covariate, bound like a describe head;
/// an expression over the repeated outcome's table (<c>log(Days + 1)</c>, <c>week / 4</c>) is a number per row, as R
/// evaluates a formula term on each row of the model frame. Each is named by its text, which is also R's term name.
/// </summary>
public sealed partial class Binder
{
    private BoundTermFactor? BindExpressionTermFactor(FormulaFactorSyntax factor, OutcomeSymbol? outcome)
    {
        var expression = factor.Expression;
        var subjects = SubjectScope!;
        var child = outcome?.RepeatedTable is { } table ? FindTable(table) : null;
        NameExpressionSyntax? childName = null;
        NameExpressionSyntax? subjectName = null;
        foreach (var name in expression.Names())
        {
            var owner = name.Qualifier is { } qualifier ? FindTable(qualifier.Name)
                : child is not null && (child.Columns.ContainsKey(name.Name.Name) || child.Derives.ContainsKey(name.Name.Name)) ? child
                : subjects.Columns.ContainsKey(name.Name.Name) || subjects.Derives.ContainsKey(name.Name.Name) ? subjects
                : null;
            if (child is not null && ReferenceEquals(owner, child))
            {
                childName ??= name;
            }
            else if (ReferenceEquals(owner, subjects))
            {
                subjectName ??= name;
            }
            else if (owner is null && child is not null && childName is null
                && NameSuggestions.DidYouMean(name.Name.Name, child.ColumnList.Select(c => c.Name)).Length > 0
                && NameSuggestions.DidYouMean(name.Name.Name, subjects.ColumnList.Select(c => c.Name)).Length == 0)
            {
                // A misspelt child column ('wek'): bound over the child rows, the expression binder suggests 'week'.
                childName = name;
            }
        }

        var text = Snippet(expression.Span);
        if (childName is null)
        {
            var variable = ResolveSubjectExpression(expression, "a mixed model");
            return variable is null ? null : new BoundTermFactor(variable.Name, factor.AsFactor ? TermFactorKind.CovariateAsFactor : TermFactorKind.Covariate, variable);
        }

        if (subjectName is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.RowTermReadsSubject, subjectName.Span, text, child!.Name, childName.Name.Name, subjectName.Name.Name);
            return null;
        }

        if (factor.AsFactor)
        {
            _diagnostics.Add(DiagnosticDescriptors.RowTermAsFactor, expression.Span, text, child!.Name, outcome!.RepeatedTimeName);
            return null;
        }

        var value = BindExpression(expression, new ExpressionContext(child!));
        if (value.Type.IsLenient)
        {
            return null; // reported by the expression binder
        }

        if (!value.Type.IsNumeric)
        {
            _diagnostics.Add(DiagnosticDescriptors.TypeMismatch, expression.Span, "a mixed-model term over the rows of '" + child!.Name + "'",
                "a number", value.Type.Display);
            return null;
        }

        return new BoundTermFactor(text, TermFactorKind.RowCovariate) { RowValue = value };
    }
}
