using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// Debian's <c>chromium</c> run headless with a throw-away profile and no network, for the HTML report tests.
/// A machine without Chromium fails those tests on purpose; set PROTOCOLLANG_CHROMIUM to the browser's path
/// if it is not on PATH.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private readonly string _chromium = Find();

    public HeadlessChromium()
    {
        Directory.CreateDirectory(Work);
    }

    /// <summary>A folder of this instance for profiles, pages and screenshots, deleted on dispose.</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "pl-chromium-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs Chromium with <paramref name="arguments"/> after the headless ones; returns stdout and stderr.</summary>
    public (string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(_chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-extensions", "--user-data-dir=" + Path.Combine(Work, "profile-" + Guid.NewGuid().ToString("N")),
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 60 s.");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}:\n{stderr.Result}");
        return (stdout, stderr.Result);
    }

    public void Dispose()
    {
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }

    private static string Find()
    {
        string? configured = Environment.GetEnvironmentVariable("PROTOCOLLANG_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"PROTOCOLLANG_CHROMIUM is '{configured}', which does not exist.");
            return configured;
        }

        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(dir, name)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException(
                "Headless Chromium is not installed, so the HTML report cannot be checked. Install it (Debian: apt-get install -y chromium; .ci/run does) "
                + "or set PROTOCOLLANG_CHROMIUM to its path.");
    }
}
