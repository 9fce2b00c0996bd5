namespace ProtocolLang.Tests.Emit;

/// <summary>Generated code as a reviewer reads it, for tests that assert on its text rather than on how names are qualified.</summary>
internal static class GeneratedCodeText
{
    private static readonly string[] Namespaces =
    [
        "global::ProtocolLang.Runtime.Plan.", "global::ProtocolLang.Runtime.Statistics.", "global::ProtocolLang.Runtime.Data.",
        "global::ProtocolLang.Runtime.", "global::System.Collections.Generic.", "global::System.Globalization.",
        "global::System.CodeDom.Compiler.", "global::System.",
    ];

    /// <summary>The code with the <c>global::</c> namespace prefixes of runtime and framework types removed.</summary>
    public static string Unqualified(string code)
    {
        foreach (var prefix in Namespaces)
        {
            code = code.Replace(prefix, string.Empty, System.StringComparison.Ordinal);
        }

        return code;
    }
}
