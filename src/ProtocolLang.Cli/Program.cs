using System;
using System.CommandLine;
using System.Globalization;
using ProtocolLang.Cli.Commands;

// Everything the tool prints or writes is culture-invariant: reports must be byte-identical anywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

try
{
    // Not System.CommandLine's handler: it prints the stack trace and exits 1, a study error's code.
    return CliApp.Create().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
#pragma warning disable CA1031 // Every exception no command expected is an internal error (exit 70), said in one line.
catch (Exception e)
#pragma warning restore CA1031
{
    return InternalError.Report(e, Console.Error);
}
