using System.CommandLine;
using System.Globalization;
using ProtocolLang.Cli.Commands;

// Everything the tool prints or writes is culture-invariant: reports must be byte-identical anywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var root = new RootCommand("ProtocolLang: check, generate, run and diff cohort study protocols (.study files).")
{
    CheckCommand.Create(),
    GenerateCommand.Create(),
    RunCommand.Create(),
    DiffCommand.Create(),
    NewCommand.Create(),
};
return root.Parse(args).Invoke();
