using System;
using ProtocolLang.Binding;

namespace ProtocolLang.Emit;

/// <summary>Writes the C# for a bound study. (Placeholder until the emitter lands.)</summary>
public static class CSharpEmitter
{
    public static string Emit(BoundStudy study) =>
        throw new NotSupportedException("The C# emitter is not implemented yet.");
}
