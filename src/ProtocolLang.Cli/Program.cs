using System.Globalization;
using ProtocolLang.Cli.Commands;

// Everything the tool prints or writes is culture-invariant: reports must be byte-identical anywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

return CliApp.Create().Parse(args).Invoke();
