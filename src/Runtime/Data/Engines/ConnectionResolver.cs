using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// Turns the connection name of a server source (<c>postgres "hospital" table "..."</c>; <c>clickhouse "NAME"</c> will use the
/// same) into its connection string, from exactly two places and nothing else:
/// <list type="number">
/// <item>the environment variable <c>PROTOCOLLANG_CONNECTION_&lt;NAME&gt;</c> (the name upper-cased, every character other than
/// an ASCII letter or digit written <c>_</c>), which wins;</item>
/// <item>the file <c>protocollang.connections.json</c> beside the <c>.study</c> file: one JSON object whose members map a name
/// (exactly as the study writes it) to its connection string, <c>{ "hospital": "Host=...;Username=...;Password=..." }</c>.</item>
/// </list>
/// The connection string is returned to the engine's driver only: no message of this class quotes it or the file's text.
/// </summary>
public sealed class ConnectionResolver
{
    public const string FileName = "protocollang.connections.json";

    public const string VariablePrefix = "PROTOCOLLANG_CONNECTION_";

    private readonly Func<string, string?> _environment;
    private ConnectionFile? _file;

    /// <param name="studyDirectory">The folder of the <c>.study</c> file, where <see cref="FileName"/> is looked for.</param>
    public ConnectionResolver(string studyDirectory)
        : this(studyDirectory, Environment.GetEnvironmentVariable)
    {
    }

    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    public ConnectionResolver(string studyDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(studyDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        FilePath = Path.GetFullPath(Path.Combine(studyDirectory, FileName));
        _environment = environment;
    }

    /// <summary>The connections file this resolver reads (it need not exist).</summary>
    public string FilePath { get; }

    /// <summary><c>hospital</c> → <c>PROTOCOLLANG_CONNECTION_HOSPITAL</c>; <c>site-2.eu</c> → <c>PROTOCOLLANG_CONNECTION_SITE_2_EU</c>.</summary>
    public static string VariableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var variable = new StringBuilder(VariablePrefix, VariablePrefix.Length + name.Length);
        foreach (var c in name)
        {
            variable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return variable.ToString();
    }

    /// <summary>The connection string of <paramref name="name"/>, or why there is none (a message that quotes no setting).</summary>
    public ConnectionLookup Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var variable = VariableName(name);
        if (_environment(variable) is { Length: > 0 } fromEnvironment)
        {
            return new ConnectionLookup(name, fromEnvironment, "the environment variable " + variable, null, null);
        }

        _file ??= ConnectionFile.Read(FilePath);
        if (_file.Failure is { } failure)
        {
            return new ConnectionLookup(name, null, null, DataProblemCodes.InvalidConnectionSettings, failure);
        }

        if (_file.Entries is { } entries && entries.TryGetValue(name, out var entry))
        {
            return entry is null
                ? new ConnectionLookup(name, null, null, DataProblemCodes.InvalidConnectionSettings,
                    $"the entry \"{name}\" of {FilePath} is not a string (it must be the connection string)")
                : new ConnectionLookup(name, entry, FilePath, null, null);
        }

        var where = _file.Entries is null ? "which does not exist" : "which has no entry \"" + name + "\"";
        return new ConnectionLookup(name, null, null, DataProblemCodes.UnknownConnection,
            $"connection '{name}' is not defined: set the environment variable {variable}, or add \"{name}\" to {FilePath} ({where})");
    }

    /// <summary>The parsed connections file: its entries (null: no file), or why it cannot be used.</summary>
    private sealed record ConnectionFile(Dictionary<string, string?>? Entries, string? Failure)
    {
        public static ConnectionFile Read(string path)
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(path))
                {
                    return new ConnectionFile(null, null);
                }

                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new ConnectionFile(null, $"{path} could not be read ({e.GetType().Name})");
            }

            try
            {
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return new ConnectionFile(null, $"{path} is not a JSON object of connection names and connection strings");
                }

                var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var member in document.RootElement.EnumerateObject())
                {
                    entries[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                }

                return new ConnectionFile(entries, null);
            }
            catch (JsonException e)
            {
                // JsonException's message can quote the text near the error, which may be a password: only the line is said.
                var line = e.LineNumber is { } l ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (line {l + 1})") : string.Empty;
                return new ConnectionFile(null, $"{path} is not valid JSON{line}");
            }
        }
    }
}

/// <summary>What <see cref="ConnectionResolver.Resolve"/> found.</summary>
/// <param name="ConnectionString">The connection string, for the driver only; null when not found.</param>
/// <param name="Origin">Where it came from (the environment variable's name or the file's path); null when not found.</param>
/// <param name="FailureCode">PL4053 (not defined) or PL4056 (the connections file is unusable) when not found.</param>
/// <param name="Failure">Why not, naming the variable and the file looked for; never quoting a setting.</param>
public sealed record ConnectionLookup(string Name, string? ConnectionString, string? Origin, string? FailureCode, string? Failure)
{
    public bool Found => ConnectionString is not null;

    /// <summary>The lookup without its secret, safe to print (records print every member).</summary>
    public override string ToString() => Found ? $"connection '{Name}' from {Origin}" : $"connection '{Name}': {Failure}";
}
