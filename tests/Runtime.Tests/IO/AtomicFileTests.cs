using System;
using System.IO;
using System.Threading;
using ProtocolLang.Runtime.IO;

namespace ProtocolLang.Runtime.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "protocollang-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void AConcurrentReaderSeesTheOldOrTheNewContentNeverAPart()
    {
        string path = Path.Combine(_folder, "results.json");
        string a = "{\"a\": \"" + new string('a', 200_000) + "\"}\n";
        string b = "{\"b\": \"" + new string('b', 300_000) + "\"}\n";
        AtomicFile.WriteAllText(path, a);
        int partial = 0;
        int reads = 0;
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                string seen = File.ReadAllText(path);
                reads++;
                if (seen != a && seen != b)
                {
                    partial++;
                }
            }
        });
        reader.Start();

        for (int i = 0; i < 200; i++)
        {
            AtomicFile.WriteAllText(path, i % 2 == 0 ? b : a);
        }

        stop.Cancel();
        reader.Join();
        Assert.True(reads > 0);
        Assert.Equal(0, partial);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void AFullDiskLeavesTheOldFileAndNoTemporaryFileAndNamesThePath()
    {
        string path = Path.Combine(_folder, "results.json");
        AtomicFile.WriteAllText(path, "old\n");

        var e = Assert.Throws<StudyIoException>(() => AtomicFile.WriteTemporary(path, new byte[100_000], open: FullDisk.Open));

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal($"cannot write '{path}': no space left on the device", e.Message);
    }

    [Fact]
    public void WritingIntoAFolderThatIsAFileIsAnIoErrorNamingThePath()
    {
        string file = Path.Combine(_folder, "file");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<StudyIoException>(() => AtomicFile.WriteAllText(Path.Combine(file, "report.md"), "text"));

        Assert.Contains(Path.Combine(file, "report.md"), e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>A stream that accepts a few bytes and then fails as a full disk does (ENOSPC).</summary>
internal sealed class FullDisk(string path) : Stream
{
    private long _written;

    public string Path { get; } = path;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    /// <summary>Creates the temporary file (so the test sees it is removed) and returns a stream that fails.</summary>
    public static Stream Open(string path)
    {
        File.WriteAllBytes(path, []);
        return new FullDisk(path);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_written + count > 1024)
        {
            throw new IOException("No space left on device : '" + Path + "'", 28);
        }

        _written += count;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
