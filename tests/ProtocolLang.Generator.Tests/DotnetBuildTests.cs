using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using ProtocolLang.Generator.Tests.TestHelpers;
using Xunit.Abstractions;

namespace ProtocolLang.Generator.Tests;

/// <summary>
/// The generator as a real build uses it: a project outside the repository references the
/// generator project as an analyzer (which also checks that its dependencies load, NOTES.md:
/// CS8785 otherwise) and imports the package's props so <c>**/*.study</c> are AdditionalFiles.
/// </summary>
public sealed class DotnetBuildTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    [Trait("Category", "Build")]
    public void DotnetBuildPrintsEachStudyMistakeAtItsLineAndColumnAndNoFollowOnCSharpErrors()
    {
        var directory = Directory.CreateTempSubdirectory("protocollang-build-");
        try
        {
            WriteProject(directory.FullName);

            var stopwatch = Stopwatch.StartNew();
            var (exitCode, log) = RunDotnetBuild(directory.FullName);
            output.WriteLine($"dotnet build took {stopwatch.Elapsed.TotalSeconds:F1} s, exit code {exitCode}");
            output.WriteLine(log);

            Assert.NotEqual(0, exitCode);
            Assert.DoesNotContain("CS8785", log, StringComparison.Ordinal);
            // The C# file that uses the study's namespace and class gets no errors of its own (the stub).
            Assert.DoesNotMatch(@"error CS\d{4}", log);
            foreach (var (position, idPattern, what) in TestStudies.ThreeMistakesExpected)
            {
                var expected = $@"bad\.study\({position.Line + 1},{position.Character + 1}\): error {idPattern}: ";
                Assert.True(Regex.IsMatch(log, expected), $"no '{expected}' ({what}) in the build output");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void WriteProject(string directory)
    {
        // Stop MSBuild from looking further up for Directory.*.props/targets.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <Import Project="{RepoPaths.GeneratorProps}" />
              <ItemGroup>
                <ProjectReference Include="{RepoPaths.GeneratorProject}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "bad.study"), TestStudies.ThreeMistakes);
        File.WriteAllText(Path.Combine(directory, "Uses.cs"), """
            using ProtocolLang.Studies.Bad;

            namespace Consumer;

            public static class Uses
            {
                public static string Study => BadStudy.Name + " " + BadStudy.AnalysisPlan.Count;
            }
            """);
    }

    private static (int ExitCode, string Log) RunDotnetBuild(string directory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", "Consumer.csproj", "-nologo", "-v:q", "--disable-build-servers", "-p:Configuration=" + Configuration })
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` sets MSBuild variables for its own build; a nested build must find its own SDK.
        foreach (var name in Environment.GetEnvironmentVariables().Keys)
        {
            if (name is string text && text.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(text);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet build did not finish in {BuildTimeout.TotalSeconds} s:\n{log}");
        }

        process.WaitForExit();
        return (process.ExitCode, log.ToString());
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
