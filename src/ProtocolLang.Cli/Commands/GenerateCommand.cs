using System.CommandLine;

namespace ProtocolLang.Cli.Commands;

/// <summary><c>protocollang generate FILE.study</c>: prints the C# the generator would add to a project.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .study file to compile." };
        var command = new Command("generate", "Print the C# generated from a .study file.") { file };
        command.SetAction(result => Execute(result.GetRequiredValue(file), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string path, CliOutput output)
    {
        if (!StudyFiles.TryRead(path, output, out var study))
        {
            return ExitCodes.Usage;
        }

        var compilation = StudyCompiler.Compile(study.DisplayPath, study.Text);
        if (compilation.HasErrors || compilation.GeneratedSource is null)
        {
            CheckCommand.WriteDiagnostics(compilation, output.Error);
            return ExitCodes.ErrorsOrChanges;
        }

        output.Out.Write(compilation.GeneratedSource);
        return ExitCodes.Success;
    }
}
