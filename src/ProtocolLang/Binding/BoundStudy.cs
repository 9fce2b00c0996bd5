namespace ProtocolLang.Binding;

/// <summary>The study after binding. (Placeholder until the binder lands.)</summary>
public sealed class BoundStudy
{
}
