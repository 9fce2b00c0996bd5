using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolLang.Cli.Compilation;

/// <summary>
/// The bytes of one cache entry: a text header, a blank line, then the assembly image.
/// <code>
/// protocollang-cache 2
/// key: 3f2a…
/// study: nxp2_jdm.study
/// study-sha256: 9c1e…
/// tool: 0.1.0 &lt;MVIDs&gt;
/// image-sha256: 77ab…
/// image-length: 40960
///
/// &lt;image&gt;
/// </code>
/// Decoding checks every line against what the caller expects and the image against its length and hash.
/// </summary>
internal static class CacheEntry
{
    private const string Magic = "protocollang-cache 2";
    private const int MaxHeader = 4096;

    public static byte[] Encode(CacheIdentity identity, byte[] image)
    {
        var header = string.Join(
            "\n",
            Magic,
            "key: " + identity.Key,
            "study: " + identity.StudyFileName,
            "study-sha256: " + identity.StudySha256,
            "tool: " + identity.ToolBuild,
            "image-sha256: " + Convert.ToHexStringLower(SHA256.HashData(image)),
            "image-length: " + image.Length.ToString(CultureInfo.InvariantCulture)) + "\n\n";
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[headerBytes.Length + image.Length];
        headerBytes.CopyTo(bytes, 0);
        image.CopyTo(bytes, headerBytes.Length);
        return bytes;
    }

    /// <summary>False with a reason ("is truncated", "belongs to another study (…)") when the entry cannot be used for <paramref name="expected"/>.</summary>
    public static bool TryDecode(byte[] bytes, CacheIdentity expected, out byte[] image, out string problem)
    {
        image = [];
        var end = bytes.AsSpan(0, Math.Min(bytes.Length, MaxHeader)).IndexOf("\n\n"u8);
        if (end < 0)
        {
            problem = "is not a valid entry (no header; truncated, or written by another version)";
            return false;
        }

        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        if (lines[0] != Magic)
        {
            problem = "is not a valid entry (written by another version of the tool)";
            return false;
        }

        string Field(string name)
        {
            var prefix = name + ": ";
            foreach (var line in lines)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }

            return string.Empty;
        }

        if (Field("key") != expected.Key || Field("study") != expected.StudyFileName || Field("study-sha256") != expected.StudySha256)
        {
            problem = $"holds another study ('{Field("study")}', text SHA-256 {Short(Field("study-sha256"))}…, key {Short(Field("key"))}…), not this '{expected.StudyFileName}'";
            return false;
        }

        if (Field("tool") != expected.ToolBuild)
        {
            problem = "was compiled by another build of the tool";
            return false;
        }

        var start = end + 2;
        if (!int.TryParse(Field("image-length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || bytes.Length - start != length)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is truncated or padded ({bytes.Length - start} image bytes, the entry says {Field("image-length")})");
            return false;
        }

        var body = bytes.AsSpan(start).ToArray();
        if (Convert.ToHexStringLower(SHA256.HashData(body)) != Field("image-sha256"))
        {
            problem = "is corrupt (its SHA-256 does not match)";
            return false;
        }

        image = body;
        problem = string.Empty;
        return true;
    }

    private static string Short(string key) => key.Length > 12 ? key[..12] : key;
}
