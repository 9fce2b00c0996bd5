using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

public sealed partial class Binder
{
    private static readonly string[] TypeNames = ["number", "integer", "text", "bool", "date", "category"];

    private void DeclareTables(ImmutableArray<DeclarationSyntax> declarations)
    {
        foreach (var table in declarations.OfType<TableSyntax>())
        {
            var existing = FindTable(table.Name.Name);
            if (existing is not null)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, table.Name.Span, "table", table.Name.Name, Line(existing.Syntax.Name.Span));
                continue;
            }

            var scope = new TableScope(table);
            _tables.Add(scope);
            foreach (var column in table.Columns)
            {
                DeclareColumns(scope, column);
            }

            foreach (var derive in table.Derived)
            {
                DeclareDerive(scope, derive, isStudyLevel: false);
            }
        }

        var subjects = SubjectScope;
        foreach (var derive in declarations.OfType<DeriveSyntax>())
        {
            if (subjects is not null)
            {
                DeclareDerive(subjects, derive, isStudyLevel: true);
            }
        }

        for (var i = 0; i < _tables.Count; i++)
        {
            CheckKeyAndLink(_tables[i], isSubjectTable: i == 0);
        }

        foreach (var scope in _tables)
        {
            foreach (var slot in scope.DeriveList)
            {
                BindDerive(scope, slot);
            }
        }
    }

    private TableScope? FindTable(string name) =>
        _tables.FirstOrDefault(t => string.Equals(t.Name, name, System.StringComparison.Ordinal));

    private void DeclareColumns(TableScope scope, ColumnSyntax column)
    {
        var type = BindType(scope, column);
        string? unit = null;
        string? label = null;
        double? min = null;
        double? max = null;
        var optional = false;
        foreach (var option in column.Options)
        {
            switch (option)
            {
                case UnitOptionSyntax u:
                    if (!type.IsNumeric && type.Kind != TypeKind.Error)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.UnitNotAllowed, u.Span, NamesOf(column), type.Display);
                    }

                    unit = u.Unit.Value;
                    break;
                case RangeOptionSyntax r:
                    if (!type.IsNumeric && type.Kind is not TypeKind.Date and not TypeKind.Error)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.RangeNotAllowed, r.Span, NamesOf(column), type.Display);
                    }
                    else if (r.Min is not null && r.Max is not null && r.Min.Value > r.Max.Value)
                    {
                        _diagnostics.Add(DiagnosticDescriptors.InvalidRange, r.Span, r.Min.Text, r.Max.Text);
                    }

                    min = r.Min?.Value;
                    max = r.Max?.Value;
                    break;
                case OptionalOptionSyntax:
                    optional = true;
                    break;
                case KeyOptionSyntax k:
                    scope.KeyOptions.Add((column.Names[0], k.Span));
                    break;
                case LabelOptionSyntax l:
                    label = l.Label.Value;
                    break;
            }
        }

        foreach (var name in column.Names)
        {
            if (!scope.TryClaimName(name, out var previous))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateName, name.Span, "column", name.Name, Line(previous));
                continue;
            }

            var columnType = type.Kind == TypeKind.Category
                ? BoundType.OfCategory(type.Category! with { Column = name.Name })
                : type;
            scope.AddColumn(new ColumnSymbol(scope.Name, name.Name, columnType, unit, min, max, optional, label, name.Span));
        }
    }

    private static string NamesOf(ColumnSyntax column) => string.Join(", ", column.Names.Select(n => n.Name));

    private BoundType BindType(TableScope scope, ColumnSyntax column)
    {
        var keyword = column.Type.Keyword;
        switch (keyword.Name)
        {
            case "number": return BoundType.Number;
            case "integer": return BoundType.Integer;
            case "text": return BoundType.Text;
            case "bool": return BoundType.Bool;
            case "date": return BoundType.Date;
            case "category":
                return BoundType.OfCategory(BindCategory(scope.Name, column));
            default:
                _diagnostics.Add(DiagnosticDescriptors.UnknownType, keyword.Span, keyword.Name, NameSuggestions.DidYouMean(keyword.Name, TypeNames));
                return BoundType.Error;
        }
    }

    /// <summary>
    /// The levels of <c>category(...)</c> in declared order, each with its label (the level itself when none is written):
    /// PL2010 for a level written twice, PL2140 for a label shown by two levels, PL2141/PL2142 for an empty level or label.
    /// </summary>
    private CategoryInfo BindCategory(string table, ColumnSyntax column)
    {
        var name = column.Names[0].Name;
        var levels = new List<string>();
        var labels = new List<string>();
        foreach (var level in column.Type.Levels)
        {
            var code = level.Code.Name;
            if (code.Length == 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.EmptyLevel, level.Code.Span, name);
                continue;
            }

            if (levels.Contains(code))
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateLevel, level.Code.Span, code, name);
                continue;
            }

            var label = level.Label?.Value ?? code;
            if (level.Label is { Value.Length: 0 })
            {
                _diagnostics.Add(DiagnosticDescriptors.EmptyLevelLabel, level.Label.Span, code, name);
            }
            else if (labels.IndexOf(label) is var shown and >= 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.DuplicateLevelLabel, level.Label?.Span ?? level.Code.Span, label, code, levels[shown], name);
            }

            levels.Add(code);
            labels.Add(label);
        }

        return new CategoryInfo(table, name, levels.ToImmutableArray()) { LevelLabels = labels.ToImmutableArray() };
    }

    private void DeclareDerive(TableScope scope, DeriveSyntax derive, bool isStudyLevel)
    {
        if (!scope.TryClaimName(derive.Name, out var previous))
        {
            _diagnostics.Add(DiagnosticDescriptors.DuplicateName, derive.Name.Span, "derived variable", derive.Name.Name, Line(previous));
            return;
        }

        scope.AddDerive(new DeriveSlot(derive, isStudyLevel));
    }

    /// <summary>Binds a derive once, on first use; a derive reached again while it is being bound is circular.</summary>
    private BoundType BindDerive(TableScope scope, DeriveSlot slot)
    {
        switch (slot.State)
        {
            case DeriveState.Bound:
                return slot.Symbol!.Type;
            case DeriveState.Binding:
                _diagnostics.Add(DiagnosticDescriptors.CircularDerive, slot.Syntax.Name.Span, slot.Syntax.Name.Name);
                slot.State = DeriveState.Circular;
                return BoundType.Error;
            case DeriveState.Circular:
                return BoundType.Error;
        }

        slot.State = DeriveState.Binding;
        var context = new ExpressionContext(scope) { AllowsAggregates = ReferenceEquals(scope, SubjectScope) };
        var expression = BindExpression(slot.Syntax.Expression, context);
        var state = slot.State;
        slot.Symbol = new DeriveSymbol(scope.Name, slot.Syntax.Name.Name,
            state == DeriveState.Circular ? new BoundErrorExpression(expression.Span) : expression,
            slot.Syntax.Label?.Value, slot.IsStudyLevel, slot.Syntax.Span);
        slot.State = DeriveState.Bound;
        return slot.Symbol.Type;
    }

    /// <summary>
    /// The table's key, if it declares one, and its link to the subject table. A table without a key is keyed by its
    /// 1-based data row number (the header not counted), so a subject table needs no invented <c>row_id</c>.
    /// </summary>
    private void CheckKeyAndLink(TableScope scope, bool isSubjectTable)
    {
        var table = scope.Syntax;
        var key = table.Key;
        if (key is null && scope.KeyOptions.Count > 0)
        {
            key = scope.KeyOptions[0].Name;
        }

        if (key is not null)
        {
            var column = CheckColumnExists(scope, key, "key");
            if (column is not null && column.Type.Kind is not TypeKind.Text and not TypeKind.Integer and not TypeKind.Error)
            {
                _diagnostics.Add(DiagnosticDescriptors.KeyTypeNotSupported, key.Span, "key", key.Name, column.Type.Display);
            }

            scope.Key = key.Name;
        }

        if (table.Parent is null || table.LinkColumn is null)
        {
            return;
        }

        var parent = FindTable(table.Parent.Name);
        if (parent is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownTable, table.Parent.Span, table.Parent.Name,
                NameSuggestions.DidYouMean(table.Parent.Name, _tables.Select(t => t.Name)));
        }
        else if (isSubjectTable || !ReferenceEquals(parent, SubjectScope))
        {
            _diagnostics.Add(DiagnosticDescriptors.ParentMustBeSubjectTable, table.Parent.Span, SubjectScope!.Name, table.Parent.Name);
            parent = null;
        }

        var link = CheckColumnExists(scope, table.LinkColumn, "link");
        scope.Parent = table.Parent.Name;
        scope.LinkColumn = table.LinkColumn.Name;
        if (parent is not null && parent.Key is null)
        {
            // A table without a key is keyed by its row number, which no child row can name.
            _diagnostics.Add(DiagnosticDescriptors.SubjectTableNeedsKey, table.Parent.Span, parent.Name);
            return;
        }

        if (parent is null || link is null || parent.Key is null || !parent.Columns.TryGetValue(parent.Key, out var parentKey))
        {
            return;
        }

        if (!link.Type.IsComparableWith(parentKey.Type) || link.Type.Kind != parentKey.Type.Kind)
        {
            _diagnostics.Add(DiagnosticDescriptors.LinkTypeMismatch, table.LinkColumn.Span, link.Name, link.Type.Display,
                parentKey.Name, parent.Name, parentKey.Type.Display);
        }
    }

    private ColumnSymbol? CheckColumnExists(TableScope scope, IdentifierSyntax name, string role)
    {
        if (scope.Columns.TryGetValue(name.Name, out var column))
        {
            return column;
        }

        _diagnostics.Add(DiagnosticDescriptors.UnknownKeyColumn, name.Span, role, name.Name, scope.Name,
            NameSuggestions.DidYouMean(name.Name, scope.ColumnList.Select(c => c.Name)));
        return null;
    }

    private enum DeriveState
    {
        NotBound,
        Binding,
        Circular,
        Bound,
    }

    private sealed class DeriveSlot(DeriveSyntax syntax, bool isStudyLevel)
    {
        public DeriveSyntax Syntax { get; } = syntax;

        public bool IsStudyLevel { get; } = isStudyLevel;

        public DeriveState State { get; set; }

        public DeriveSymbol? Symbol { get; set; }
    }

    /// <summary>The names of one table while binding: columns and derives share one namespace.</summary>
    private sealed class TableScope(TableSyntax syntax)
    {
        private readonly Dictionary<string, TextSpan> _names = new(System.StringComparer.Ordinal);

        public TableSyntax Syntax { get; } = syntax;

        public string Name => Syntax.Name.Name;

        public string? Key { get; set; }

        public string? Parent { get; set; }

        public string? LinkColumn { get; set; }

        public List<(IdentifierSyntax Name, TextSpan Span)> KeyOptions { get; } = [];

        public Dictionary<string, ColumnSymbol> Columns { get; } = new(System.StringComparer.Ordinal);

        public List<ColumnSymbol> ColumnList { get; } = [];

        public Dictionary<string, DeriveSlot> Derives { get; } = new(System.StringComparer.Ordinal);

        public List<DeriveSlot> DeriveList { get; } = [];

        private NameIndex? _allNames;

        /// <summary>Columns then derives, indexed for did-you-mean once per set (rebuilt if a name was added since).</summary>
        public NameIndex AllNames
        {
            get
            {
                if (_allNames is null || _allNames.Count != ColumnList.Count + DeriveList.Count)
                {
                    _allNames = new NameIndex(ColumnList.Select(c => c.Name).Concat(DeriveList.Select(d => d.Syntax.Name.Name)));
                }

                return _allNames;
            }
        }

        public bool TryClaimName(IdentifierSyntax name, out TextSpan previous)
        {
            if (_names.TryGetValue(name.Name, out previous))
            {
                return false;
            }

            _names.Add(name.Name, name.Span);
            return true;
        }

        public void AddColumn(ColumnSymbol column)
        {
            Columns.Add(column.Name, column);
            ColumnList.Add(column);
        }

        public void AddDerive(DeriveSlot slot)
        {
            Derives.Add(slot.Syntax.Name.Name, slot);
            DeriveList.Add(slot);
        }

        public TableSymbol ToSymbol() => new(
            Name,
            Syntax.Source.Value,
            Key,
            Parent,
            LinkColumn,
            ColumnList.ToImmutableArray(),
            DeriveList.Where(d => d.Symbol is not null).Select(d => d.Symbol!).ToImmutableArray(),
            Syntax.Span);
    }
}
