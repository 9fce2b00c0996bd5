using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// A collectible context holding one compiled study. Every dependency (ProtocolLang.Runtime, the
/// framework) resolves in the default context, so the study shares the tool's runtime types and
/// its <c>StudyResults</c> can be used after the context is unloaded.
/// </summary>
internal sealed class StudyLoadContext : AssemblyLoadContext
{
    public StudyLoadContext(string name)
        : base(name, isCollectible: true)
    {
    }

    public Assembly LoadImage(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        return LoadFromStream(stream);
    }

    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
