using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Text;

namespace ProtocolLang.Diagnostics;

/// <summary>Collects diagnostics of one phase for one source text.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly SourceText _source;

    public DiagnosticBag(SourceText source) => _source = source;

    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Add(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        _items.Add(Diagnostic.Create(descriptor, _source.GetLocation(span), args));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>In source order, then by ID, so output is deterministic.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() =>
        _items.OrderBy(d => d.Location.Span.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal).ToImmutableArray();
}
