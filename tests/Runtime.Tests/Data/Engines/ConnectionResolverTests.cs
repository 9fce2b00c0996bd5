using System.Collections.Generic;
using System.IO;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Data.Engines;

namespace ProtocolLang.Runtime.Tests.Data.Engines;

public sealed class ConnectionResolverTests
{
    private const string Secret = "Password=S3cret-Value";

    [Theory]
    [InlineData("hospital", "PROTOCOLLANG_CONNECTION_HOSPITAL")]
    [InlineData("site-2.eu_Main", "PROTOCOLLANG_CONNECTION_SITE_2_EU_MAIN")]
    public void TheVariableNameIsTheNameUpperCasedWithOtherCharactersAsUnderscores(string name, string variable)
    {
        Assert.Equal(variable, ConnectionResolver.VariableName(name));
    }

    [Fact]
    public void TheEnvironmentVariableWinsOverTheFile()
    {
        using var folder = new StudyFolder();
        folder.Write(ConnectionResolver.FileName, """{ "hospital": "Host=from-file" }""");
        var resolver = Resolver(folder, new() { ["PROTOCOLLANG_CONNECTION_HOSPITAL"] = "Host=from-env" });

        var lookup = resolver.Resolve("hospital");

        Assert.Equal(("Host=from-env", "the environment variable PROTOCOLLANG_CONNECTION_HOSPITAL"), (lookup.ConnectionString, lookup.Origin));
    }

    [Fact]
    public void WithoutTheVariableTheFileBesideTheStudyIsRead()
    {
        using var folder = new StudyFolder();
        var path = folder.Write(ConnectionResolver.FileName, "// the CI server", """{ "hospital": "Host=from-file", }""");

        var lookup = Resolver(folder, []).Resolve("hospital");

        Assert.Equal(("Host=from-file", Path.GetFullPath(path)), (lookup.ConnectionString, lookup.Origin));
    }

    [Fact]
    public void AnUnknownNameNamesTheVariableAndTheFileLookedFor()
    {
        using var folder = new StudyFolder();
        folder.Write(ConnectionResolver.FileName, $$"""{ "other": "Host=x;{{Secret}}" }""");

        var lookup = Resolver(folder, []).Resolve("hospital");

        Assert.False(lookup.Found);
        Assert.Equal(DataProblemCodes.UnknownConnection, lookup.FailureCode);
        Assert.Equal($"connection 'hospital' is not defined: set the environment variable PROTOCOLLANG_CONNECTION_HOSPITAL, or add \"hospital\" to {Path.Combine(folder.Path, ConnectionResolver.FileName)} (which has no entry \"hospital\")", lookup.Failure);
        Assert.DoesNotContain(Secret, lookup.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJsonGivesTheLineButNotTheText()
    {
        using var folder = new StudyFolder();
        folder.Write(ConnectionResolver.FileName, "{", $$"""  "hospital": "Host=x;{{Secret}}" oops""", "}");

        var lookup = Resolver(folder, []).Resolve("hospital");

        Assert.Equal(DataProblemCodes.InvalidConnectionSettings, lookup.FailureCode);
        Assert.Equal($"{Path.Combine(folder.Path, ConnectionResolver.FileName)} is not valid JSON (line 2)", lookup.Failure);
    }

    [Fact]
    public void AnEntryThatIsNotAStringIsRefused()
    {
        using var folder = new StudyFolder();
        folder.Write(ConnectionResolver.FileName, """{ "hospital": { "host": "x" } }""");

        var lookup = Resolver(folder, []).Resolve("hospital");

        Assert.Equal(DataProblemCodes.InvalidConnectionSettings, lookup.FailureCode);
        Assert.Contains("the entry \"hospital\"", lookup.Failure, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AFoundLookupPrintsItsOriginButNotItsConnectionString()
    {
        using var folder = new StudyFolder();
        var lookup = Resolver(folder, new() { ["PROTOCOLLANG_CONNECTION_HOSPITAL"] = "Host=x;" + Secret }).Resolve("hospital");

        Assert.Equal("connection 'hospital' from the environment variable PROTOCOLLANG_CONNECTION_HOSPITAL", lookup.ToString());
    }

    [Fact]
    public void ScrubbingRemovesThePasswordAndTheUserFromServerText()
    {
        var text = PostgresMessages.Scrub("role \"alice\" with password S3cret-Value denied", "Host=db;Username=alice;" + Secret);

        Assert.Equal("role \"***\" with password *** denied", text);
    }

    private static ConnectionResolver Resolver(StudyFolder folder, Dictionary<string, string> environment) =>
        new(folder.Path, name => environment.TryGetValue(name, out var value) ? value : null);
}
