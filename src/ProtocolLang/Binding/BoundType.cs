using System.Collections.Immutable;

namespace ProtocolLang.Binding;

public enum TypeKind
{
    Number,
    Integer,
    Text,
    Bool,
    Date,
    Category,

    /// <summary>The literal <c>missing</c>: fits any type.</summary>
    Missing,

    /// <summary>An expression that already failed to bind; never reported again.</summary>
    Error,
}

/// <summary>
/// The levels of one declared category column. Two category columns are different types even
/// when their levels agree, because each becomes its own C# enum.
/// </summary>
public sealed record CategoryInfo(string Table, string Column, ImmutableArray<string> Levels)
{
    public bool IsSameCategory(CategoryInfo other) =>
        string.Equals(Table, other.Table, System.StringComparison.Ordinal)
        && string.Equals(Column, other.Column, System.StringComparison.Ordinal);
}

/// <summary>The type of a column or an expression.</summary>
public sealed record BoundType(TypeKind Kind, CategoryInfo? Category = null)
{
    public static BoundType Number { get; } = new(TypeKind.Number);
    public static BoundType Integer { get; } = new(TypeKind.Integer);
    public static BoundType Text { get; } = new(TypeKind.Text);
    public static BoundType Bool { get; } = new(TypeKind.Bool);
    public static BoundType Date { get; } = new(TypeKind.Date);
    public static BoundType Missing { get; } = new(TypeKind.Missing);
    public static BoundType Error { get; } = new(TypeKind.Error);

    public static BoundType OfCategory(CategoryInfo category) => new(TypeKind.Category, category);

    public bool IsNumeric => Kind is TypeKind.Number or TypeKind.Integer;

    /// <summary>Error and missing fit anywhere, so one mistake is reported once.</summary>
    public bool IsLenient => Kind is TypeKind.Error or TypeKind.Missing;

    /// <summary>Whether values of the two types can be compared with <c>==</c> (integers and numbers mix).</summary>
    public bool IsComparableWith(BoundType other)
    {
        if (IsLenient || other.IsLenient)
        {
            return true;
        }

        if (IsNumeric && other.IsNumeric)
        {
            return true;
        }

        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind != TypeKind.Category || Category!.IsSameCategory(other.Category!);
    }

    /// <summary>As messages print it: <c>number</c>, <c>category of 'antibody'</c>.</summary>
    public string Display => Kind switch
    {
        TypeKind.Number => "number",
        TypeKind.Integer => "integer",
        TypeKind.Text => "text",
        TypeKind.Bool => "bool",
        TypeKind.Date => "date",
        TypeKind.Category => "category '" + Category!.Column + "'",
        TypeKind.Missing => "missing",
        _ => "an invalid expression",
    };

    public override string ToString() => Display;
}
