using System;
using System.IO;
using System.Text;
using System.Threading;
using ProtocolLang.Runtime.Data.Engines;

namespace Engines.Tests;

/// <summary>The TabSeparatedWithNamesAndTypes reader on bodies written by hand (no server needed).</summary>
public sealed class ClickHouseTsvReaderTests
{
    private static ClickHouseTsvReader Open(Stream body) =>
        ClickHouseTsvReader.Open(body, null, CancellationToken.None, e => e, text => new ClickHouseException(ClickHouseFailure.Server, "server: " + text));

    private static ClickHouseTsvReader Open(string body) => Open(new MemoryStream(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void EscapesAreUndoneAndABareBackslashNIsNull()
    {
        using var reader = Open("s\tn\\'ame\nNullable(String)\tEnum8(\\'a\\' = 1)\na\\tb\\nc\\\\d\\'e\t\\N\n\\\\N\t\\0\n");
        Assert.Equal(["s", "n'ame"], reader.Names);
        Assert.Equal(["Nullable(String)", "Enum8('a' = 1)"], reader.Types);
        Assert.True(reader.Read());
        Assert.Equal("a\tb\nc\\d'e", reader.GetString(0));
        Assert.True(reader.IsNull(1));
        Assert.Throws<InvalidOperationException>(() => reader.GetString(1));
        Assert.True(reader.Read());
        Assert.False(reader.IsNull(0));
        Assert.Equal("\\N", reader.GetString(0));
        Assert.Equal("\0", reader.GetString(1));
        Assert.False(reader.Read());
        Assert.Equal(2, reader.RowCount);
    }

    [Fact]
    public void AnEmptyFieldIsAnEmptyStringNotNull()
    {
        using var reader = Open("a\tb\nString\tString\n\t\n");
        Assert.True(reader.Read());
        Assert.False(reader.IsNull(0));
        Assert.Equal("", reader.GetString(1));
    }

    [Fact]
    public void AnErrorTheServerAppendsMidStreamEndsTheReadWithTheServersText()
    {
        using var reader = Open("n\tv\nUInt64\tString\n1\tx\nCode: 159, e.displayText() = DB::Exception: Timeout exceeded, e.what() = DB::Exception\n");
        Assert.True(reader.Read());
        var error = Assert.Throws<ClickHouseException>(() => reader.Read());
        Assert.Contains("Timeout exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorLineIsRecognisedEvenInAOneColumnAnswer()
    {
        using var reader = Open("v\nString\nok\nCode: 60, e.displayText() = DB::Exception: gone\n");
        Assert.True(reader.Read());
        Assert.Equal(ClickHouseFailure.Server, Assert.Throws<ClickHouseException>(() => reader.Read()).Failure);
    }

    [Theory]
    [InlineData("a\tb\nString\tString\nx\ty", "broke off inside row 1")]
    [InlineData("a\tb\nString\tString\nx\n", "row 1 has 1 fields, expected 2")]
    [InlineData("a\tb\nString\tString\nx\\", "inside an escape")]
    public void ABodyCutOffOrOfTheWrongWidthIsAProtocolError(string body, string expected)
    {
        using var reader = Open(body);
        var error = Assert.Throws<ClickHouseException>(() => reader.Read());
        Assert.Equal(ClickHouseFailure.Protocol, error.Failure);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswerThatEndsAfterTheDeadlineIsTheTimeoutNotTheEndOfTheRows()
    {
        using var deadline = new CancellationTokenSource();
        var body = new MemoryStream(Encoding.UTF8.GetBytes("n\nUInt64\n1\n"));
        using var reader = ClickHouseTsvReader.Open(body, null, deadline.Token, e => new TimeoutException("deadline", e), text => new ClickHouseException(ClickHouseFailure.Server, text));
        Assert.True(reader.Read());
        deadline.Cancel();
        Assert.Throws<TimeoutException>(() => reader.Read());
    }

    [Fact]
    public void AMissingTypeLineIsAProtocolError()
    {
        var error = Assert.Throws<ClickHouseException>(() => Open("a\tb\n"));
        Assert.Equal(ClickHouseFailure.Protocol, error.Failure);
    }

    [Fact]
    public void RowsArriveBeforeTheBodyEndsSoAnEndlessAnswerCanBeReadInPart()
    {
        using var reader = Open(new EndlessRows());
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(reader.Read());
        }

        Assert.Equal("99999", reader.GetString(0));
        Assert.InRange(reader.BytesRead, 1, 2_000_000);   // ~1.1 MB of rows read, not an unbounded buffer
    }

    /// <summary>A header, then the rows 0, 1, 2, ... forever.</summary>
    private sealed class EndlessRows : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes("n\tlabel\nUInt64\tString\n");
        private int _offset;
        private long _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{_next}\trow\n"));
                _next++;
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
