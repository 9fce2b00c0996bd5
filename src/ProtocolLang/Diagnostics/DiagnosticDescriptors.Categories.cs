namespace ProtocolLang.Diagnostics;

/// <summary>Diagnostics of category levels and labels, (PL1030-1034, PL2140-2159).</summary>
public static partial class DiagnosticDescriptors
{
    private const string CategoriesCategory = "Binding";

    /// <summary>PL1030: a level that is neither a name nor a number, e.g. <c>5FU</c> or <c>Lev+5FU</c>.</summary>
    public static DiagnosticDescriptor LevelNeedsQuotes { get; } = Error(
        "PL1030", "Category level needs quotes",
        "category level '{0}' is neither a name nor a number; write it as a quoted string: \"{0}\"", SyntaxCategory);

    /// <summary>PL2140: two levels of one category show the same label.</summary>
    public static DiagnosticDescriptor DuplicateLevelLabel { get; } = Error(
        "PL2140", "Duplicate category level label",
        "label \"{0}\" of level '{1}' is already the label of level '{2}' in category '{3}'; reports could not tell them apart", CategoriesCategory);

    /// <summary>PL2141: <c>category("")</c>: an empty cell is missing, so the level could never be read.</summary>
    public static DiagnosticDescriptor EmptyLevel { get; } = Error(
        "PL2141", "Empty category level",
        "category '{0}' has an empty level \"\"; an empty cell is a missing value, so no row could have this level", CategoriesCategory);

    /// <summary>PL2142: <c>category(1 "")</c>: a level that reports would show as nothing.</summary>
    public static DiagnosticDescriptor EmptyLevelLabel { get; } = Error(
        "PL2142", "Empty category level label",
        "level '{0}' of category '{1}' has an empty label; give it a label or leave the label out", CategoriesCategory);
}
