using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>
/// ClickHouse's HTTP interface, the one way we talk to the server (no .NET client supports Debian's 18.16: the
/// official ClickHouse.Driver refuses a server this old). A query is the body of a POST to
/// <c>/?database=...&amp;max_execution_time=...</c>; the user and password go in the <c>X-ClickHouse-User</c> and
/// <c>X-ClickHouse-Key</c> headers (18.16 reads them; a URL would put the password in every log line that quotes it).
/// </summary>
/// <remarks>
/// Each request has one deadline, <see cref="ClickHouseConnectionInfo.Timeout"/>, covering the connect, the server's
/// work and the streamed body: every read honours its token, so when it passes the read in progress is aborted
/// and throws a <see cref="ClickHouseFailure.Timeout"/> error. The server gets a <c>max_execution_time</c> one second longer, so it
/// stops its own work soon after we stop waiting (18.16 cannot cancel a query when an HTTP client goes away).
/// Synchronous, like the rest of the loader: one query at a time, the caller's thread blocked on the socket.
/// </remarks>
internal sealed partial class ClickHouseHttp : IDisposable
{
    private readonly HttpClient _client;

    public ClickHouseHttp(ClickHouseConnectionInfo connection, HttpMessageHandler? handler = null)
    {
        Connection = connection;
        handler ??= new SocketsHttpHandler { ConnectTimeout = connection.Timeout, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };   // our own deadline, body included
    }

    public ClickHouseConnectionInfo Connection { get; }

    /// <summary>Runs <paramref name="sql"/> (a statement, or a query with its own FORMAT) and returns the whole answer as text; for small answers.</summary>
    /// <exception cref="ClickHouseException">The server refused the query, did not answer in time, or cannot be reached.</exception>
    public string Execute(string sql)
    {
        using var deadline = new CancellationTokenSource(Connection.Timeout);
        using var response = Send(sql, deadline);
        try
        {
            return response.Content.ReadAsStringAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            throw ReadFailure(e, deadline);
        }
    }

    /// <summary>
    /// Runs the SELECT <paramref name="sql"/> (without a FORMAT clause: this appends
    /// <c>FORMAT TabSeparatedWithNamesAndTypes</c>) and streams its rows; dispose the reader to end the request.
    /// </summary>
    /// <exception cref="ClickHouseException">The server refused the query, did not answer in time, or cannot be reached.</exception>
    public ClickHouseTsvReader Query(string sql)
    {
        var deadline = new CancellationTokenSource(Connection.Timeout);
        HttpResponseMessage? response = null;
        try
        {
            response = Send(sql + "\nFORMAT TabSeparatedWithNamesAndTypes", deadline);
            var body = response.Content.ReadAsStream(deadline.Token);
            var owned = new Owned(response, deadline);
            return ClickHouseTsvReader.Open(body, owned, deadline.Token, e => ReadFailure(e, deadline), ServerError);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            var failure = ReadFailure(e, deadline);
            response?.Dispose();
            deadline.Dispose();
            throw failure;
        }
        catch
        {
            response?.Dispose();
            deadline.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The server's error text as a message: its C++ decoration (<c>e.displayText() = </c>, <c>, e.what() = DB::Exception</c>)
    /// dropped, cut at 600 characters (a syntax error lists every token it expected), the password masked.
    /// </summary>
    public ClickHouseException ServerError(string body)
    {
        var text = body.Trim().Replace("e.displayText() = ", "", StringComparison.Ordinal);
        text = WhatSuffix().Replace(text, "");
        if (text.Length > 600)
        {
            text = text[..600] + " ...";
        }

        var match = ErrorCode().Match(text);
        int? code = match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
        var failure = code == 159 ? ClickHouseFailure.Timeout : ClickHouseFailure.Server;   // 159: TIMEOUT_EXCEEDED
        return new ClickHouseException(failure, $"ClickHouse at {Connection}: {Mask(text)}", code);
    }

    private HttpResponseMessage Send(string sql, CancellationTokenSource deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri());
        request.Headers.Add("X-ClickHouse-User", Connection.User);
        if (Connection.Password.Length > 0)
        {
            request.Headers.Add("X-ClickHouse-Key", Connection.Password);
        }

        // Strict UTF-8: text that has no UTF-8 form fails here instead of reaching the server as U+FFFD.
        request.Content = new ByteArrayContent(new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(sql));
        HttpResponseMessage response;
        try
        {
            response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException(ClickHouseFailure.Unreachable, $"Cannot reach ClickHouse at {Connection}: {Mask(e.Message)}", inner: e);
        }
        catch (OperationCanceledException e)
        {
            throw ReadFailure(e, deadline);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string body;
            try
            {
                body = response.Content.ReadAsStringAsync(deadline.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException)
            {
                throw ReadFailure(e, deadline);
            }

            throw ServerError(body.Length > 0 ? body : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private Uri RequestUri()
    {
        var serverSeconds = (long)Math.Ceiling(Connection.Timeout.TotalSeconds) + 1;
        return new Uri(Connection.Url.GetLeftPart(UriPartial.Path)
            + "?database=" + Uri.EscapeDataString(Connection.Database)
            + "&max_execution_time=" + serverSeconds.ToString(CultureInfo.InvariantCulture));
    }

    private Exception ReadFailure(Exception e, CancellationTokenSource deadline) =>
        e is ClickHouseException ? e
        : deadline.IsCancellationRequested
            ? new ClickHouseException(ClickHouseFailure.Timeout,
                $"ClickHouse at {Connection} did not answer within {Connection.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (the connection's Timeout).", inner: e)
            : new ClickHouseException(ClickHouseFailure.Unreachable, $"The connection to ClickHouse at {Connection} broke: {Mask(e.Message)}", inner: e);

    /// <summary>Never let the password through, whatever the text (a server or a proxy may echo a header).</summary>
    private string Mask(string text) =>
        Connection.Password.Length == 0 ? text : text.Replace(Connection.Password, "***", StringComparison.Ordinal);

    [GeneratedRegex(@",\s*e\.what\(\) = [\w:]+\s*$")]
    private static partial Regex WhatSuffix();

    [GeneratedRegex(@"^Code: (\d+)")]
    private static partial Regex ErrorCode();

    /// <summary>What a streaming reader disposes when it is done: the response and the deadline.</summary>
    private sealed class Owned(HttpResponseMessage response, CancellationTokenSource deadline) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            deadline.Dispose();
        }
    }
}
