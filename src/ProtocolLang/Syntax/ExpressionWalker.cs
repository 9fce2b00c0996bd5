using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Syntax;

/// <summary>
/// The one walk over an expression tree: every node in pre-order, left to right (an expression first, then its
/// operands in source order). The values listed by <c>in (...)</c> are level names or literals and are not walked. A call's arguments are walked, its <c>over</c> and <c>where</c> clauses are not: an
/// aggregate's clauses bind over the child table on their own. Iterative, so the depth the parser allows cannot
/// overflow the stack here.
/// </summary>
public static class ExpressionWalker
{
    /// <summary>The expression itself and every expression under it, in pre-order.</summary>
    public static IEnumerable<ExpressionSyntax> DescendantsAndSelf(this ExpressionSyntax root)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            var children = Children(node);
            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>Whether the expression or any expression under it satisfies <paramref name="predicate"/>.</summary>
    public static bool Any(this ExpressionSyntax root, System.Func<ExpressionSyntax, bool> predicate) =>
        root.DescendantsAndSelf().Any(predicate);

    /// <summary>The names an expression reads, in source order.</summary>
    public static IEnumerable<NameExpressionSyntax> Names(this ExpressionSyntax root) =>
        root.DescendantsAndSelf().OfType<NameExpressionSyntax>();

    /// <summary>The direct operands of a node, in source order.</summary>
    private static IReadOnlyList<ExpressionSyntax> Children(ExpressionSyntax node) => node switch
    {
        ParenthesizedExpressionSyntax p => [p.Inner],
        UnaryExpressionSyntax u => [u.Operand],
        BinaryExpressionSyntax b => [b.Left, b.Right],
        IsMissingExpressionSyntax m => [m.Operand],
        // The values of `x in (a, b)` are level names or literals, not names the expression reads.
        InExpressionSyntax i => [i.Operand],
        CallExpressionSyntax c => c.Arguments,
        ConditionalExpressionSyntax c => [c.Condition, c.WhenTrue, c.WhenFalse],
        _ => [],
    };
}
