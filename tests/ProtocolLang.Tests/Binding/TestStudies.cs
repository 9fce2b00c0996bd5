using System;
using System.IO;
using ProtocolLang.Binding;
using ProtocolLang.Syntax;
using ProtocolLang.Text;

namespace ProtocolLang.Tests.Binding;

/// <summary>Parsing and binding helpers shared by the binder and emitter tests.</summary>
internal static class TestStudies
{
    /// <summary>The real parser; while it is a placeholder, the interim test parser (no recovery).</summary>
    public static StudySyntax Parse(SourceText source)
    {
        try
        {
            var parsed = StudyParser.Parse(source);
            Assert.Empty(parsed.Diagnostics);
            return parsed.Study!;
        }
        catch (NotSupportedException)
        {
            return InterimParser.Parse(source.Text);
        }
    }

    public static BindResult Bind(string text, string path = "test.study")
    {
        var source = new SourceText(path, text);
        return Binder.Bind(source, Parse(source));
    }

    public static BoundStudy BindClean(string text, string path = "test.study")
    {
        var result = Bind(text, path);
        Assert.Empty(result.Diagnostics);
        return result.Study!;
    }

    /// <summary>The repository root (the folder holding ProtocolLang.sln), found from the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ExamplePath => Path.Combine(RepositoryRoot, "examples", "Nxp2Jdm", "nxp2_jdm.study");

    public static string ReadExample() => File.ReadAllText(ExamplePath);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProtocolLang.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ProtocolLang.sln not found above " + AppContext.BaseDirectory);
    }
}
