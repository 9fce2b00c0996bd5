using System;
using System.CommandLine;
using System.IO;
using ProtocolLang.Cli.Scaffold;

namespace ProtocolLang.Cli.Commands;

/// <summary><c>protocollang new NAME [--output DIR]</c>: scaffolds a study folder with data and a C# project.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The study name, made PascalCase (my-study gives MyStudy); it must start with a letter." };
        var folder = new Option<string?>("--output", "-o") { Description = "The folder to create (default: ./NAME, as typed)." };
        var command = new Command("new", "Create a new study: NAME.study, data/subjects.csv and a C# project using the generator.") { name, folder };
        command.SetAction(result => Execute(result.GetRequiredValue(name), result.GetValue(folder), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string name, string? folder, CliOutput output) =>
        Execute(name, folder, output, ToolPackages.DefaultFolder);

    /// <param name="packagesFolder">Where the tool's own copies of the generator and runtime packages are (tests pass another).</param>
    internal static int Execute(string name, string? folder, CliOutput output, string packagesFolder)
    {
        var studyName = StudyNames.FromRequested(name);
        if (studyName is null)
        {
            output.Error.Write("protocollang: '" + name + "' is not a valid study name; it must start with a letter (other characters than letters and digits separate words)\n");
            return ExitCodes.Usage;
        }

        // The folder keeps the name as typed, so `protocollang new my-study && cd my-study` works.
        var target = folder ?? name;
        var packages = ToolPackages.Find(packagesFolder, ToolVersion.Value);
        try
        {
            foreach (var file in StudyScaffolder.Write(target, studyName, ToolVersion.Value, packages))
            {
                output.Out.Write("created " + Path.Combine(target, file).Replace('\\', '/') + "\n");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.Write("protocollang: " + e.Message + "\n");
            return ExitCodes.Usage;
        }

        if (packages is null)
        {
            output.Error.Write("protocollang: note: this protocollang was not installed from its package and carries no ProtocolLang.Generator or ProtocolLang.Runtime "
                + ToolVersion.Value + " package; `dotnet build` needs them on a package source (`dotnet pack src/ProtocolLang.Cli` makes a tool that carries them)\n");
        }

        output.Out.Write("Next: protocollang run " + Path.Combine(target, studyName + ".study").Replace('\\', '/')
            + " (or: cd " + target.Replace('\\', '/') + " && dotnet run)\n");
        return ExitCodes.Success;
    }
}
