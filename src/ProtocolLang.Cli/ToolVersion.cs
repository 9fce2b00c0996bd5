using System.Reflection;

namespace ProtocolLang.Cli;

/// <summary>The tool's version: the package version without build metadata (<c>0.1.0</c>).</summary>
internal static class ToolVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(ToolVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', System.StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
