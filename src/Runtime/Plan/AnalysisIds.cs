using System;
using System.Security.Cryptography;
using System.Text;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Analysis ids: their form, and the id of an analysis that generated code names only by its text.</summary>
internal static class AnalysisIds
{
    public const int MaxLength = 64;

    /// <summary>
    /// <c>"a_"</c> and the first 8 hex digits of the SHA-256 of the UTF-8 text: depends on the text alone, so
    /// reordering analyses changes no id. Plans generated before ids existed call the <c>string source</c> overloads.
    /// </summary>
    public static string FromSource(string source)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(source));
        return "a_" + Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }

    /// <summary><c>[a-z][a-z0-9_]*</c>, 1 to 64 characters.</summary>
    public static bool IsValid(string id)
    {
        if (id.Length is 0 or > MaxLength || id[0] is not (>= 'a' and <= 'z'))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A level's part of a <c>within</c> id: lower-case, [a-z0-9_] only (others become '_'), never empty.</summary>
    public static string LevelSlug(string level)
    {
        var chars = new char[level.Length];
        for (int i = 0; i < level.Length; i++)
        {
            char c = char.ToLowerInvariant(level[i]);
            chars[i] = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_';
        }

        string slug = new(chars);
        return slug.Length == 0 ? "_" : slug;
    }
}
