using System;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

public sealed class ClickHouseConnectionInfoTests
{
    [Fact]
    public void TheDocumentedFormParsesIntoItsParts()
    {
        var info = ClickHouseConnectionInfo.Parse("Url=http://127.0.0.1:18123;Database=protocollang;User=reader;Password=p;Timeout=2.5");
        Assert.Equal(new Uri("http://127.0.0.1:18123"), info.Url);
        Assert.Equal("protocollang", info.Database);
        Assert.Equal("reader", info.User);
        Assert.Equal("p", info.Password);
        Assert.Equal(TimeSpan.FromSeconds(2.5), info.Timeout);
    }

    [Fact]
    public void KeysAreCaseInsensitiveAndOnlyTheUrlIsRequired()
    {
        var info = ClickHouseConnectionInfo.Parse("url=https://ch.example:8443");
        Assert.Equal("default", info.Database);
        Assert.Equal("default", info.User);
        Assert.Equal("", info.Password);
        Assert.Equal(ClickHouseConnectionInfo.DefaultTimeout, info.Timeout);
    }

    [Fact]
    public void APasswordWithSemicolonsAndQuotesGoesInDoubleQuotes()
    {
        var info = ClickHouseConnectionInfo.Parse("Url=http://h:1;Password=\"a;b'c=d\"");
        Assert.Equal("a;b'c=d", info.Password);
    }

    [Theory]
    [InlineData("Database=x;Password=hunter2", "needs 'Url=")]
    [InlineData("Url=ftp://h;Password=hunter2", "http:// or https://")]
    [InlineData("Url=not a url;Password=hunter2", "http:// or https://")]
    [InlineData("Url=http://u:hunter2@h:1", "takes no user, password")]
    [InlineData("Url=http://h:1/?user=x;Password=hunter2", "takes no user, password")]
    [InlineData("Url=http://h:1;Pasword=hunter2", "Unknown key 'pasword'")]
    [InlineData("Url=http://h:1;Timeout=0;Password=hunter2", "'Timeout'")]
    [InlineData("Url=http://h:1;Timeout=abc;Password=hunter2", "'Timeout'")]
    [InlineData("Url=http://h:1;Password=\"hunter2", "key=value pairs")]
    public void AMalformedConnectionStringIsAFormatErrorThatNeverQuotesThePassword(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ClickHouseConnectionInfo.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItsTextNamesServerAndDatabaseButNoCredentials()
    {
        var text = ClickHouseConnectionInfo.Parse("Url=http://127.0.0.1:18123;Database=db;User=secret-user;Password=hunter2").ToString();
        Assert.Equal("http://127.0.0.1:18123 database db", text);
    }
}
