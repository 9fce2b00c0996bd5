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
        var name = new Argument<string>("name") { Description = "The study name: a letter, then letters, digits or underscores." };
        var folder = new Option<string?>("--output", "-o") { Description = "The folder to create (default: ./NAME)." };
        var command = new Command("new", "Create a new study: NAME.study, data/subjects.csv and a C# project using the generator.") { name, folder };
        command.SetAction(result => Execute(result.GetRequiredValue(name), result.GetValue(folder), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string name, string? folder, CliOutput output)
    {
        if (!StudyScaffolder.IsValidName(name))
        {
            output.Error.Write("protocollang: '" + name + "' is not a valid study name; use a letter, then letters, digits or underscores\n");
            return ExitCodes.Usage;
        }

        var target = folder ?? name;
        try
        {
            foreach (var file in StudyScaffolder.Write(target, name, ToolVersion.Value))
            {
                output.Out.Write("created " + Path.Combine(target, file).Replace('\\', '/') + "\n");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.Write("protocollang: " + e.Message + "\n");
            return ExitCodes.Usage;
        }

        output.Out.Write("Next: protocollang run " + Path.Combine(target, name + ".study").Replace('\\', '/') + "\n");
        return ExitCodes.Success;
    }
}
