using System;
using System.Diagnostics;
using System.IO;

namespace ProtocolLang.Cli.Tests;

/// <summary>
/// A small tmpfs mounted on a fresh folder (Linux, as root, as on this project's machines and CI): a
/// real full disk (<c>size=</c>) or read-only folder (<c>ro</c>), which permissions cannot give root.
/// <see cref="TryMount"/> returns null where mounting is not possible.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static Tmpfs? TryMount(string path, string options)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return null;
        }

        Directory.CreateDirectory(path);
        return Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) ? new Tmpfs(path) : null;
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static bool Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
