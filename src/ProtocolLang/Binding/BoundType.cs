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
/// <param name="Levels">The levels as the data holds them (<c>1</c>, <c>F</c>, <c>Lev+5FU</c>), in declared order.</param>
public sealed record CategoryInfo(string Table, string Column, ImmutableArray<string> Levels)
{
    private readonly ImmutableArray<string> _levelLabels;

    /// <summary>What reports show for each level (<c>category(1 "Male", 2 "Female")</c>); a level without a label shows itself.</summary>
    public ImmutableArray<string> LevelLabels
    {
        get => _levelLabels.IsDefault ? Levels : _levelLabels;
        init => _levelLabels = value;
    }

    /// <summary>Whether any level shows a label other than itself, i.e. whether generated code must pass the labels.</summary>
    public bool HasLabels => !_levelLabels.IsDefault && !System.Linq.Enumerable.SequenceEqual(_levelLabels, Levels);

    /// <summary>
    /// The declared level a literal of the comparison names: the level written the same way, or, for a number, the numeric
    /// level of the same value (<c>sex == 1.0</c> against <c>category(1, 2)</c>); -1 if none.
    /// </summary>
    public int IndexOfLiteral(string text, double? number)
    {
        var index = Levels.IndexOf(text);
        if (index >= 0 || number is not { } value)
        {
            return index;
        }

        for (var i = 0; i < Levels.Length; i++)
        {
            if (double.TryParse(Levels[i], System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var level) && level == value)
            {
                return i;
            }
        }

        return -1;
    }

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
