using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ProtocolLang.Examples.Tests;

/// <summary>
/// The README's test command on a fresh machine: it is <c>./test.sh</c>, the very script
/// <c>.ci/run</c> calls, and that script installs Chromium and the DejaVu fonts when they are missing
/// (as root or through sudo, refreshing the package lists only when the first install fails) before
/// it runs the solution's tests and prints their totals. The script runs here from a copy, with
/// stand-ins for dpkg, apt-get, sudo, id and dotnet that log how they were called.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FreshMachineTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pl-fresh-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheReadmesTestCommandIsTheScriptThatCiRuns()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var command = Regex.Match(readme, "Run the tests[^\n]*\n+```sh\n(?<command>[^\n]+)\n```");
        Assert.True(command.Success, "README has no 'Run the tests' command block");
        Assert.Equal("./test.sh", command.Groups["command"].Value);

        var ci = File.ReadAllLines(RepositoryPaths.Combine(".ci", "run"));
        Assert.Contains(ci, line => Regex.IsMatch(line, @"^\./test\.sh\b"));
        Assert.True(File.Exists(RepositoryPaths.Combine("test.sh")));
    }

    [Fact]
    public void OnAMachineWithoutChromiumOrFontsTheScriptInstallsBothAsRootThenRunsTheTests()
    {
        var (exit, output, calls) = RunTestScript(userId: 0, installed: false, firstInstallFails: false);

        Assert.True(exit == 0, output);
        Assert.Equal(
            ["apt-get install -y --no-install-recommends fonts-dejavu-core chromium", "dotnet test ProtocolLang.sln --logger trx;LogFileName=protocollang-tests.trx"],
            calls.Where(c => !c.StartsWith("dpkg", StringComparison.Ordinal)));
        Assert.EndsWith("7 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AsAnotherUserTheScriptUsesSudoAndRefreshesThePackageListsOnlyWhenTheInstallFails()
    {
        var (exit, output, calls) = RunTestScript(userId: 1000, installed: false, firstInstallFails: true);

        Assert.True(exit == 0, output);
        Assert.Equal(
            [
                "sudo apt-get install -y --no-install-recommends fonts-dejavu-core chromium",
                "sudo apt-get update",
                "sudo apt-get install -y --no-install-recommends fonts-dejavu-core chromium",
                "dotnet test ProtocolLang.sln --logger trx;LogFileName=protocollang-tests.trx",
            ],
            calls.Where(c => c.StartsWith("sudo", StringComparison.Ordinal) || c.StartsWith("dotnet", StringComparison.Ordinal)));
    }

    [Fact]
    public void OnAMachineThatHasBothTheScriptInstallsNothing()
    {
        var (exit, output, calls) = RunTestScript(userId: 1000, installed: true, firstInstallFails: false);

        Assert.True(exit == 0, output);
        Assert.DoesNotContain(calls, c => c.Contains("apt-get", StringComparison.Ordinal));
        Assert.Contains("dotnet test ProtocolLang.sln --logger trx;LogFileName=protocollang-tests.trx", calls);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>Runs a copy of test.sh (and scripts/trx-totals.sh) with only the stand-ins and a few real tools on PATH.</summary>
    private (int Exit, string Output, string[] Calls) RunTestScript(int userId, bool installed, bool firstInstallFails)
    {
        var repo = Path.Combine(_work, "repo");
        var bin = Path.Combine(_work, "bin");
        var log = Path.Combine(_work, "calls.log");
        Directory.CreateDirectory(Path.Combine(repo, "scripts"));
        Directory.CreateDirectory(Path.Combine(repo, "tests"));
        Directory.CreateDirectory(bin);
        File.Copy(RepositoryPaths.Combine("test.sh"), Path.Combine(repo, "test.sh"));
        File.Copy(RepositoryPaths.Combine("scripts", "trx-totals.sh"), Path.Combine(repo, "scripts", "trx-totals.sh"));

        // Real tools the scripts use; chromium is deliberately not among them.
        foreach (var tool in new[] { "bash", "dirname", "find", "xargs", "grep", "awk", "mkdir" })
        {
            var real = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(bin, tool), real);
        }

        Stub(bin, "dpkg", $"echo \"dpkg $*\" >> '{log}'; exit {(installed ? 0 : 1)}");
        Stub(bin, "id", $"echo {userId}");
        Stub(bin, "sudo", $"echo \"sudo $*\" >> '{log}'; exec \"$@\"");
        Stub(bin, "apt-get", $$"""
            echo "apt-get $*" >> '{{log}}'
            if [ "$1" = install ] && {{(firstInstallFails ? "true" : "false")}} && [ ! -e '{{log}}.updated' ]; then exit 100; fi
            if [ "$1" = update ]; then : > '{{log}}.updated'; fi
            exit 0
            """);
        Stub(bin, "dotnet", $$"""
            echo "dotnet $*" >> '{{log}}'
            mkdir -p tests/A/TestResults tests/B/TestResults
            echo '<TestRun><ResultSummary><Counters total="5" executed="5" passed="4" failed="1" error="0" /></ResultSummary></TestRun>' > tests/A/TestResults/protocollang-tests.trx
            echo '<TestRun><ResultSummary><Counters total="3" executed="3" passed="3" failed="0" error="0" /></ResultSummary></TestRun>' > tests/B/TestResults/protocollang-tests.trx
            exit 0
            """);

        var start = new ProcessStartInfo(Path.Combine(bin, "bash"))
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(repo, "test.sh"));
        start.Environment["PATH"] = bin;

        // The copy has no scripts/engines.sh: the servers of the engine tests are not what these tests are about.
        start.Environment["PROTOCOLLANG_ENGINES"] = "skip";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "test.sh did not finish");
        var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
        return (process.ExitCode, stdout + stderr.Result, calls);
    }

    private static void Stub(string bin, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
