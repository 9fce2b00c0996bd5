using System.Linq;
using ProtocolLang.Binding;
using ProtocolLang.Syntax;

namespace ProtocolLang.Emit;

/// <summary>The C# static type of an emitted expression: what it is and whether it can be null.</summary>
internal readonly record struct CSharpType(string Name, bool Nullable, TypeKind Kind)
{
    public string Declared => Nullable && Name != "string" ? Name + "?" : Name == "string" && Nullable ? "string?" : Name;
}

/// <summary>
/// Writes a bound expression as nullable-aware C#: missing is null, comparisons and logic go through
/// the runtime's <c>Fn</c> helpers (three-valued), arithmetic uses C#'s lifted operators (null in, null out).
/// </summary>
/// <param name="Receiver">Prefix for the row's members: <c>r.</c> in a lambda, empty inside the row record.</param>
/// <param name="Table">The table the expression belongs to.</param>
/// <param name="InRecord">True inside the row record, where an enum named like a property must be qualified.</param>
internal sealed record ExpressionEmitter(GeneratedNames Names, string Receiver, string Table, bool InRecord)
{
    /// <summary>Set in <c>Run</c>: columns are read from the table's arrays at row <c>r</c> and derives inlined (<see cref="ColumnReads"/>), not from a record.</summary>
    public ColumnReads? Columns { get; init; }

    public string Emit(BoundExpression expression) => Strip(Write(expression).Code);

    public CSharpType TypeOf(BoundExpression expression) => Write(expression).Type;

    /// <summary>The C# type name of a column or derive type (without nullability).</summary>
    public string TypeName(BoundType type) => type.Kind switch
    {
        TypeKind.Integer => "long",
        TypeKind.Text => "string",
        TypeKind.Bool => "bool",
        TypeKind.Date => RuntimeTypes.DateOnly,
        TypeKind.Category => Names.Enum(type.Category!),
        _ => "double",
    };

    /// <summary>
    /// An enum in expression context. Types are never hidden by properties in type context, but in an
    /// expression <c>Antibody.NXP2</c> would bind to a property <c>Antibody</c> of type <c>Antibody?</c>.
    /// </summary>
    public string EnumName(CategoryInfo category)
    {
        var name = Names.Enum(category);
        var hidden = InRecord ? Names.HidesType(Table, name) : Names.StudyClassMembers.Contains(name);
        return hidden ? "global::" + Names.Namespace + "." + name : name;
    }

    private (string Code, CSharpType Type) Write(BoundExpression expression)
    {
        switch (expression)
        {
            case BoundNumberLiteral n:
                return (CSharpLiterals.DoubleNumber(n.Value), new("double", false, TypeKind.Number));
            case BoundTextLiteral t:
                return (CSharpLiterals.String(t.Value), new("string", false, TypeKind.Text));
            case BoundBoolLiteral b:
                return (b.Value ? "true" : "false", new("bool", false, TypeKind.Bool));
            case BoundMissingLiteral:
                return ("(double?)null", new("double", true, TypeKind.Number));
            case BoundLevel level:
                return (EnumName(level.Category) + "." + Names.EnumMember(level.Category, level.Index), new(Names.Enum(level.Category), false, TypeKind.Category));
            case BoundColumnReference c:
                return (Columns is { } columns ? columns.Read(c.Column, this) : Receiver + Names.Property(c.Column.Table, c.Column.Name),
                    new(TypeName(c.Column.Type), c.Column.Optional, c.Column.Type.Kind));
            case BoundDeriveReference d:
                return (Columns is { } reads ? InlineDerive(reads.Derive(d.Table, d.Name)) : Receiver + Names.Property(d.Table, d.Name), DeriveType(d.Type));
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return (RuntimeTypes.Fn + ".Not(" + Emit(not.Operand) + ")", new("bool", true, TypeKind.Bool));
            case BoundUnary negate:
            {
                var (code, type) = Write(negate.Operand);
                return ((code.StartsWith("-", System.StringComparison.Ordinal) ? "-(" + code + ")" : "-" + code), type);
            }

            case BoundBinary binary:
                return WriteBinary(binary);
            case BoundIsMissing isMissing:
                return (WriteIsMissing(isMissing), new("bool", false, TypeKind.Bool));
            case BoundIn @in:
                return (WriteIn(@in), new("bool", true, TypeKind.Bool));
            case BoundAggregate aggregate:
                return (Receiver + Names.Aggregate(aggregate), DeriveType(aggregate.Type));
            case BoundCall call:
                return (WriteCall(call), new("double", true, TypeKind.Number));
            case BoundConditional conditional:
                return WriteConditional(conditional);
            default:
                throw new System.InvalidOperationException("Cannot emit " + expression.GetType().Name + "; the binder reported an error.");
        }
    }

    /// <summary>A derive's expression in place of the record's property, cast to the type the property declares.</summary>
    private string InlineDerive(DeriveSymbol derive) => "((" + DeriveType(derive.Type).Declared + ")(" + Emit(derive.Expression) + "))";

    public CSharpType DeriveType(BoundType type) => new(TypeName(type), true, type.Kind == TypeKind.Integer ? TypeKind.Number : type.Kind);

    private (string, CSharpType) WriteBinary(BoundBinary binary)
    {
        var left = Write(binary.Left);
        var right = Write(binary.Right);
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return (RuntimeTypes.Fn + ".And(" + Strip(left.Code) + ", " + Strip(right.Code) + ")", new("bool", true, TypeKind.Bool));
            case BinaryOperator.Or:
                return (RuntimeTypes.Fn + ".Or(" + Strip(left.Code) + ", " + Strip(right.Code) + ")", new("bool", true, TypeKind.Bool));
            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
                return (Helper(binary.Operator == BinaryOperator.Equal ? "Eq" : "Ne", left, right, []), new("bool", true, TypeKind.Bool));
            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
                var name = binary.Operator switch
                {
                    BinaryOperator.Less => "Lt",
                    BinaryOperator.LessOrEqual => "Le",
                    BinaryOperator.Greater => "Gt",
                    _ => "Ge",
                };
                return (RuntimeTypes.Fn + "." + name + "(" + Strip(left.Code) + ", " + Strip(right.Code) + ")", new("bool", true, TypeKind.Bool));
            default:
                var op = binary.Operator switch
                {
                    BinaryOperator.Add => " + ",
                    BinaryOperator.Subtract => " - ",
                    BinaryOperator.Multiply => " * ",
                    _ => " / ",
                };

                // Integers are promoted to double so that 7 / 2 is 3.5, as everywhere in the language.
                var l = left.Type.Kind == TypeKind.Integer ? "(double?)" + left.Code : left.Code;
                var r = right.Type.Kind == TypeKind.Integer ? "(double?)" + right.Code : right.Code;
                return ("(" + l + op + r + ")", new("double", left.Type.Nullable || right.Type.Nullable || left.Type.Kind == TypeKind.Integer || right.Type.Kind == TypeKind.Integer, TypeKind.Number));
        }
    }

    /// <summary>
    /// <c>Fn.Eq(a, b)</c>, <c>Fn.In(a, x, y)</c>: generic over the value type. The type argument is written
    /// unless C# can infer it from an operand that is already of type <c>T?</c>; numbers always say <c>&lt;double&gt;</c>.
    /// </summary>
    private string Helper(string name, (string Code, CSharpType Type) first, (string Code, CSharpType Type) second, string[] rest)
    {
        var kind = first.Type.Kind is TypeKind.Missing or TypeKind.Error ? second.Type.Kind : first.Type.Kind;
        var arguments = string.Join(", ", new[] { Strip(first.Code), Strip(second.Code) }.Concat(rest));
        if (kind == TypeKind.Text)
        {
            return RuntimeTypes.Fn + "." + name + "(" + arguments + ")";
        }

        var typeName = kind is TypeKind.Number or TypeKind.Integer ? "double" : first.Type.Kind == kind ? first.Type.Name : second.Type.Name;
        var inferable = kind is not TypeKind.Number and not TypeKind.Integer && first.Type.Nullable && first.Type.Name == typeName;
        return RuntimeTypes.Fn + "." + name + (inferable ? string.Empty : "<" + typeName + ">") + "(" + arguments + ")";
    }

    private string WriteIsMissing(BoundIsMissing isMissing)
    {
        var (code, type) = Write(isMissing.Operand);
        if (!type.Nullable)
        {
            return (isMissing.Negated ? "true" : "false") + " /* never missing */";
        }

        // A computed number can be undefined without being null (x / 0 is an infinity, log(0) NaN):
        // the runtime's Fn.IsMissing counts those as missing too. A column read from data is always finite.
        if (type.Kind == TypeKind.Number && isMissing.Operand is not BoundColumnReference)
        {
            return (isMissing.Negated ? "!" : string.Empty) + RuntimeTypes.Fn + ".IsMissing(" + Strip(code) + ")";
        }

        return code + (isMissing.Negated ? " is not null" : " is null");
    }

    private string WriteIn(BoundIn @in)
    {
        var operand = Write(@in.Operand);
        var values = @in.Values.Select(Write).ToArray();
        var first = values.Length > 0 ? values[0] : ("", operand.Type);
        var call = Helper("In", operand, first, values.Skip(1).Select(v => Strip(v.Code)).ToArray());
        if (values.Length == 0)
        {
            call = call.Replace(", )", ")");
        }

        return @in.Negated ? RuntimeTypes.Fn + ".Not(" + call + ")" : call;
    }

    private string WriteCall(BoundCall call)
    {
        var arguments = call.Arguments.Select(a => Strip(Write(a).Code)).ToList();
        if (call.Function == BuiltinFunction.Round && arguments.Count == 1)
        {
            arguments.Add("0");
        }

        var name = call.Function.ToString();
        return RuntimeTypes.Fn + "." + name + "(" + string.Join(", ", arguments) + ")";
    }

    private (string, CSharpType) WriteConditional(BoundConditional conditional)
    {
        var condition = Strip(Write(conditional.Condition).Code);
        var whenTrue = conditional.WhenTrue is BoundMissingLiteral ? "null" : Strip(Write(conditional.WhenTrue).Code);
        var whenFalse = conditional.WhenFalse is BoundMissingLiteral ? "null" : Strip(Write(conditional.WhenFalse).Code);
        var type = DeriveType(conditional.Type);
        var typeArgument = type.Kind == TypeKind.Text ? string.Empty : "<" + type.Name + ">";
        return (RuntimeTypes.Fn + ".If" + typeArgument + "(" + condition + ", " + whenTrue + ", " + whenFalse + ")", type);
    }

    /// <summary>Drops the parentheses around a whole arithmetic expression where they are not needed (an argument, a lambda body).</summary>
    private static string Strip(string code)
    {
        if (code.Length < 2 || code[0] != '(' || code[code.Length - 1] != ')')
        {
            return code;
        }

        var depth = 0;
        for (var i = 0; i < code.Length; i++)
        {
            depth += code[i] == '(' ? 1 : code[i] == ')' ? -1 : 0;
            if (depth == 0 && i < code.Length - 1)
            {
                return code;
            }
        }

        return code.Substring(1, code.Length - 2);
    }
}
