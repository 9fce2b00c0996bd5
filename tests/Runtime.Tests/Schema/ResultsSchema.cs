using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ProtocolLang.Runtime.Tests.Schema;

/// <summary>docs/results.schema.json, read from the repository, and validation of a results file against it.</summary>
internal static class ResultsSchema
{
    public const string RelativePath = "docs/results.schema.json";

    private static readonly Lazy<string> Text = new(() => File.ReadAllText(RepositoryFile(RelativePath)));

    public static JsonObject Node() => JsonNode.Parse(Text.Value)!.AsObject();

    /// <summary>The schema's errors for <paramref name="json"/> as "instance path: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        var schema = JsonSchema.FromText(Text.Value);
        EvaluationResults results = schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var errors = new List<string>();
        Collect(results, errors);
        return results.IsValid ? Array.Empty<string>() : errors.DefaultIfEmpty("invalid (no detail)").ToArray();
    }

    /// <summary>Errors of failed nodes only: a branch of an anyOf that another branch satisfied is not an error.</summary>
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add($"{node.InstanceLocation} ({node.EvaluationPath}): {keyword}: {message}");
        }

        foreach (EvaluationResults child in node.Details)
        {
            Collect(child, errors);
        }
    }

    /// <summary>A file of the repository, found by walking up from the test's output folder.</summary>
    public static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{relativePath}' not found above {AppContext.BaseDirectory}.");
    }
}
