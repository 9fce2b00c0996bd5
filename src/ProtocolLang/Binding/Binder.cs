using System;
using System.Collections.Immutable;
using ProtocolLang.Diagnostics;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Binding;

/// <summary>Resolves names and checks types. (Placeholder until the binder lands.)</summary>
public static class Binder
{
    public static BindResult Bind(SourceText source, StudySyntax study) =>
        throw new NotSupportedException("The .study binder is not implemented yet.");
}

/// <summary>The bound study (null when binding could not produce one) and the binding diagnostics.</summary>
public sealed record BindResult(BoundStudy? Study, ImmutableArray<Diagnostic> Diagnostics);
