using System;

namespace ProtocolLang.Runtime.Data.Engines;

/// <summary>What went wrong talking to ClickHouse, so a caller can word a PL4xxx diagnostic for each case.</summary>
internal enum ClickHouseFailure
{
    /// <summary>The server answered with its own exception (a syntax error, an unknown table, a wrong password...).</summary>
    Server,

    /// <summary>No answer within the connection's timeout (ours, or the server's <c>max_execution_time</c>, code 159).</summary>
    Timeout,

    /// <summary>Nothing listens at the address, or the connection broke.</summary>
    Unreachable,

    /// <summary>The answer is not what the protocol says it is (cut off mid-row, a row of the wrong width).</summary>
    Protocol,
}

/// <summary>
/// A failed ClickHouse request. The message names the server and database (<see cref="ClickHouseConnectionInfo.ToString"/>)
/// and quotes the server's exception text, cleaned of its C++ decoration and with the password, should the server echo
/// it, replaced by <c>***</c>; it never holds a user's credentials.
/// </summary>
internal sealed class ClickHouseException : Exception
{
    public ClickHouseException(ClickHouseFailure failure, string message, int? serverCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        ServerCode = serverCode;
    }

    public ClickHouseFailure Failure { get; }

    /// <summary>The server's error code (<c>Code: 60</c> = unknown table, 62 = syntax error, 193 = wrong password...), when it sent one.</summary>
    public int? ServerCode { get; }
}
