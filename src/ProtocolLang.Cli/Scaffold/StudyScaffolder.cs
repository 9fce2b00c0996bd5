using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ProtocolLang.Cli.Scaffold;

/// <summary>
/// Writes a new study folder: <c>NAME.study</c>, <c>data/subjects.csv</c>, a C# project that uses
/// the generator and runtime packages (at the tool's version) and its <c>Program.cs</c>; when the
/// tool carries those packages, copies them to <c>packages/</c> and writes a <c>nuget.config</c>
/// that adds that folder to the machine's package sources, so <c>dotnet build</c> restores them
/// on a machine where no feed serves them (and the folder keeps building when moved or cloned).
/// The study is small but complete: it passes <c>check</c>, builds and runs.
/// </summary>
internal static class StudyScaffolder
{
    /// <summary>The folder, relative to the study folder, that holds the packages the tool carries.</summary>
    public const string PackagesFolder = "packages";

    /// <summary>The text files to write, relative to the new folder, in a fixed order.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(string name, string version, bool withPackages)
    {
        var files = new List<(string Path, string Text)>
        {
            (name + ".study", Templates.Study(name)),
            ("data/subjects.csv", Templates.SubjectsCsv),
            (name + ".csproj", Templates.Project(version)),
            ("Program.cs", Templates.Program(name)),
        };
        if (withPackages)
        {
            files.Add(("nuget.config", Templates.NuGetConfig));
        }

        return files;
    }

    /// <summary>
    /// Writes the files under <paramref name="folder"/> and copies <paramref name="packages"/> (when
    /// not null) to its <see cref="PackagesFolder"/>; refuses to overwrite a non-empty folder.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, string name, string version, IReadOnlyList<string>? packages)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException("the folder " + folder + " exists and is not empty");
        }

        var written = new List<string>();
        foreach (var (path, text) in Files(name, version, packages is not null))
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full) ?? folder);
            File.WriteAllText(full, text.ReplaceLineEndings("\n"));
            written.Add(path);
        }

        foreach (var package in packages ?? [])
        {
            var path = PackagesFolder + "/" + Path.GetFileName(package);
            Directory.CreateDirectory(Path.Combine(folder, PackagesFolder));
            File.Copy(package, Path.Combine(folder, path));
            written.Add(path);
        }

        return written;
    }

    private static class Templates
    {
        public static string Study(string name) => $$"""
            // {{name}}: a starting point. Declare your tables, groups, outcomes and analyses;
            // `protocollang check {{name}}.study` reports problems, `protocollang run {{name}}.study` runs it.
            study {{name}} {
              title "{{name}}"
              version "0.1"

              table subjects from "data/subjects.csv" key id {
                id: text
                arm: category(A, B) optional label "Treatment arm"
                age: number unit "years" range 0..120 label "Age"
                sex: category(F, M) label "Sex"
                score: number range 0..100 optional label "Symptom score"
                responded: bool label "Responded"
              }

              include "Known arm": arm is not missing

              groups {
                ArmA "Arm A": arm == A
                ArmB "Arm B": arm == B
              }

              outcome Score "Symptom score": continuous score summary median
              outcome Response "Response": binary responded

              describe age, sex, Score, Response by group
              compare Score: ArmA vs ArmB using mann_whitney
              compare Response: ArmA vs ArmB using fisher

              report "report" formats markdown, json
            }

            """;

        public const string SubjectsCsv = """
            id,arm,age,sex,score,responded
            S01,A,34,F,42,true
            S02,A,51,M,37,true
            S03,A,46,F,55,false
            S04,A,29,M,40,true
            S05,A,62,F,,false
            S06,B,38,M,61,false
            S07,B,57,F,58,true
            S08,B,44,M,66,false
            S09,B,33,F,71,false
            S10,B,49,M,63,true

            """;

        public static string Project(string version) => $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- The generator compiles every *.study file of the project into C# at build time. -->
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <!-- This machine's platform only: the runtime's DuckDB ships a large native library per platform. -->
                <RuntimeIdentifier>$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ProtocolLang.Generator" Version="{{version}}" PrivateAssets="all" />
                <PackageReference Include="ProtocolLang.Runtime" Version="{{version}}" />
              </ItemGroup>
              <ItemGroup>
                <!-- Data paths in the study are relative to its folder; the program finds it here by default. -->
                <AssemblyMetadata Include="StudyDirectory" Value="$(MSBuildProjectDirectory)" />
              </ItemGroup>
            </Project>

            """;

        /// <summary>
        /// Adds <c>packages/</c> (a path relative to this file) to the sources the machine already
        /// has: no <c>&lt;clear /&gt;</c>, so the other packages still come from the configured feed.
        /// </summary>
        public const string NuGetConfig = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- ProtocolLang.Generator and ProtocolLang.Runtime come from packages/, copied there by
                   `protocollang new` from the tool; every other package from this machine's sources. -->
              <packageSources>
                <add key="protocollang-local" value="packages" />
              </packageSources>
            </configuration>

            """;

        public static string Program(string name) => $$"""
            using System;
            using System.Linq;
            using System.Reflection;
            using ProtocolLang.Runtime.Data;
            using ProtocolLang.Runtime.Plan;
            using ProtocolLang.Runtime.Results;
            using ProtocolLang.Studies.{{name}};

            // Runs the {{name}} protocol: loads and checks the data, runs the analyses, writes the reports.
            // Usage: dotnet run [-- STUDY_DIRECTORY [OUTPUT_DIRECTORY]]
            var studyDirectory = args.Length > 0
                ? args[0]
                : typeof({{name}}Study).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .Single(a => a.Key == "StudyDirectory").Value!;
            var options = new StudyRunOptions
            {
                StudyDirectory = studyDirectory,
                OutputDirectory = args.Length > 1 ? args[1] : null,
            };

            try
            {
                var results = {{name}}Study.Run(options);
                foreach (var warning in results.Warnings ?? [])
                {
                    Console.Error.WriteLine($"{warning.File}({warning.Line},{warning.Column}): warning {warning.Code}: {warning.Message}");
                }

                // Analysed and excluded subjects by reason, and the warning counts.
                foreach (var line in FlowSummary.Lines(results))
                {
                    Console.WriteLine(line);
                }

                Console.WriteLine($"{results.Study.Name}: {results.Analyses.Count} analyses; report written.");
                return 0;
            }
            catch (StudyDataException e)
            {
                Console.Error.WriteLine(e.Message);
                return e.IsSourceMismatch ? 1 : 2;
            }

            """;
    }
}
