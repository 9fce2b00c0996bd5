using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Tests.Schema;

/// <summary>
/// Keeps docs/results.schema.json and the result records in step. The walk starts at
/// <see cref="StudyResults"/> and follows the same source-generated JsonSerializerContext that writes
/// results.json, so the JSON names are the serializer's, not a guess. Each record type is one
/// <c>$defs</c> entry named as the C# type (the root is the schema itself); lower-case <c>$defs</c>
/// entries ("real", "sha256") are shared value shapes. Adding a field to a record without adding it to
/// the schema (or the reverse) fails here, naming the type and the field.
/// </summary>
public sealed class ResultsSchemaDriftTests
{
    private static readonly JsonObject Schema = ResultsSchema.Node();

    [Fact]
    public void EveryResultRecordHasASchemaDefinitionWithExactlyItsProperties()
    {
        var problems = new List<string>();
        foreach (JsonTypeInfo info in RecordTypes())
        {
            JsonObject? definition = Definition(info.Type);
            if (definition is null)
            {
                problems.Add($"{info.Type.Name}: no $defs/{info.Type.Name} in {ResultsSchema.RelativePath}");
                continue;
            }

            var inCode = info.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var inSchema = (definition["properties"]?.AsObject() ?? new JsonObject()).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(inCode.Except(inSchema).Select(n => $"{info.Type.Name}.{n}: in the C# record but not in the schema"));
            problems.AddRange(inSchema.Except(inCode).Select(n => $"{info.Type.Name}.{n}: in the schema but not in the C# record"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EachPropertyHasTheSchemaTypeOfItsCSharpType()
    {
        var problems = new List<string>();
        foreach (JsonTypeInfo info in RecordTypes())
        {
            JsonObject? properties = Definition(info.Type)?["properties"]?.AsObject();
            foreach (JsonPropertyInfo property in info.Properties)
            {
                if (properties?[property.Name] is JsonObject schemaProperty)
                {
                    string expected = ExpectedShape(property.PropertyType);
                    string actual = ActualShape(schemaProperty);
                    if (!string.Equals(expected, actual, StringComparison.Ordinal))
                    {
                        problems.Add($"{info.Type.Name}.{property.Name}: C# {property.PropertyType.Name} wants {expected}; the schema has {actual}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A property that can be null in C# is left out of results.json (WhenWritingNull), so it must not
    /// be required; every other property is always written and must be. Doubles are never null in C#:
    /// NaN is written as null, so they are always present.
    /// </summary>
    [Fact]
    public void ExactlyTheNonNullablePropertiesAreRequired()
    {
        var problems = new List<string>();
        foreach (JsonTypeInfo info in RecordTypes())
        {
            JsonObject? definition = Definition(info.Type);
            var required = (definition?["required"]?.AsArray() ?? new JsonArray()).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
            foreach (JsonPropertyInfo property in info.Properties)
            {
                bool omittable = property.IsGetNullable && property.PropertyType != typeof(double);
                if (omittable == required.Contains(property.Name))
                {
                    problems.Add($"{info.Type.Name}.{property.Name}: {(omittable ? "may be omitted but is required" : "always written but not required")}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EverySchemaDefinitionOfARecordIsReachedAndClosed()
    {
        var reached = RecordTypes().Select(t => t.Type.Name).ToHashSet(StringComparer.Ordinal);
        var defs = Schema["$defs"]!.AsObject();
        var stale = defs.Where(d => char.IsUpper(d.Key[0]) && !reached.Contains(d.Key)).Select(d => d.Key).ToArray();
        var open = defs.Where(d => d.Value!["properties"] is not null && d.Value["additionalProperties"]?.GetValue<bool>() != false)
            .Select(d => d.Key).ToArray();

        Assert.True(stale.Length == 0, "$defs with no C# record reachable from StudyResults: " + string.Join(", ", stale));
        Assert.True(open.Length == 0, "$defs without additionalProperties: false: " + string.Join(", ", open));
        Assert.False(Schema["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void TheSchemaVersionConstantIsTheOneTheRuntimeWrites()
    {
        Assert.Equal(StudyResults.CurrentSchemaVersion, (string)Schema["properties"]!["schemaVersion"]!["const"]!);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string)Schema["$schema"]!);
    }

    [Fact]
    public void EverySchemaPropertyIsDescribed()
    {
        var bare = new List<string>();
        foreach (var (name, definition) in Schema["$defs"]!.AsObject().Append(new("(root)", Schema)))
        {
            foreach (var (property, node) in definition!["properties"]?.AsObject() ?? new JsonObject())
            {
                if (string.IsNullOrWhiteSpace((string?)node!["description"]))
                {
                    bare.Add(name + "." + property);
                }
            }
        }

        Assert.True(bare.Count == 0, "Properties without a description: " + string.Join(", ", bare));
    }

    /// <summary>StudyResults and every record reachable from it through properties and lists, each once.</summary>
    private static IReadOnlyList<JsonTypeInfo> RecordTypes()
    {
        var seen = new List<JsonTypeInfo>();
        var queue = new Queue<Type>([typeof(StudyResults)]);
        while (queue.Count > 0)
        {
            Type type = queue.Dequeue();
            if (seen.Any(s => s.Type == type))
            {
                continue;
            }

            JsonTypeInfo info = ResultsJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException(type.Name + " is not in ResultsJsonContext.");
            seen.Add(info);
            foreach (JsonPropertyInfo property in info.Properties)
            {
                if (Element(property.PropertyType) is { } record && IsRecord(record))
                {
                    queue.Enqueue(record);
                }
            }
        }

        return seen;
    }

    private static JsonObject? Definition(Type type) =>
        type == typeof(StudyResults) ? Schema : Schema["$defs"]?[type.Name]?.AsObject();

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string);

    /// <summary>The innermost element of nullable and list types.</summary>
    private static Type Element(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return ListElement(type) is { } element ? Element(element) : type;
    }

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static string ExpectedShape(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ListElement(type) is { } element)
        {
            return "array of " + ExpectedShape(element);
        }

        return type == typeof(string) ? "string"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(bool) ? "boolean"
            : type == typeof(double) ? "$defs/real"
            : IsRecord(type) ? "$defs/" + type.Name
            : "unmapped " + type.Name;
    }

    /// <summary>The schema property's shape in the words of <see cref="ExpectedShape"/>; a string helper such as sha256 counts as a string.</summary>
    private static string ActualShape(JsonObject property)
    {
        if ((string?)property["$ref"] is { } reference)
        {
            string name = reference["#/$defs/".Length..];
            return char.IsLower(name[0]) && (string?)Schema["$defs"]![name]!["type"] == "string" ? "string" : "$defs/" + name;
        }

        string? type = (string?)property["type"];
        return type == "array" && property["items"] is JsonObject items ? "array of " + ActualShape(items) : type ?? "no type";
    }
}
