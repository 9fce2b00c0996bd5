using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolLang.Cli.Diff;

/// <summary>
/// Compares two JSON trees leaf by leaf, knowing nothing of the results schema, so it keeps working
/// as the schema grows: objects by property name, arrays by position, numbers within a relative
/// tolerance, everything else by its JSON text.
/// </summary>
internal sealed class JsonTreeComparer
{
    private readonly double _tolerance;
    private readonly List<ValueChange> _changes = new();

    public JsonTreeComparer(double tolerance)
    {
        _tolerance = tolerance;
    }

    public IReadOnlyList<ValueChange> Changes => _changes;

    public void Compare(string path, JsonNode? old, JsonNode? @new)
    {
        switch (old, @new)
        {
            case (null, null):
                return;
            case (JsonObject a, JsonObject b):
                CompareObjects(path, a, b);
                return;
            case (JsonArray a, JsonArray b):
                CompareArrays(path, a, b);
                return;
            case (JsonValue a, JsonValue b) when TryNumber(a, out var x) && TryNumber(b, out var y):
                if (!NumbersEqual(x, y))
                {
                    _changes.Add(new ValueChange(path, ChangeKind.Moved, old, @new));
                }

                return;
            default:
                if (!JsonNode.DeepEquals(old, @new))
                {
                    _changes.Add(new ValueChange(path, ChangeKind.Changed, old, @new));
                }

                return;
        }
    }

    /// <summary>An item present on one side only: one change for the whole item.</summary>
    public void AddedOrRemoved(string path, bool added, JsonNode? node) =>
        _changes.Add(added ? new ValueChange(path, ChangeKind.Added, null, node) : new ValueChange(path, ChangeKind.Removed, node, null));

    /// <summary>Equal when both are zero or |a − b| ≤ tolerance × max(|a|, |b|).</summary>
    public bool NumbersEqual(double a, double b) =>
        a.Equals(b) || Math.Abs(a - b) <= _tolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    public static string Property(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private void CompareObjects(string path, JsonObject old, JsonObject @new)
    {
        var names = old.Select(p => p.Key).Concat(@new.Select(p => p.Key).Where(k => !old.ContainsKey(k)));
        foreach (var name in names)
        {
            var childPath = Property(path, name);
            var inOld = old.TryGetPropertyValue(name, out var a);
            var inNew = @new.TryGetPropertyValue(name, out var b);
            if (inOld && inNew)
            {
                Compare(childPath, a, b);
            }
            else
            {
                AddedOrRemoved(childPath, added: inNew, inNew ? b : a);
            }
        }
    }

    private void CompareArrays(string path, JsonArray old, JsonArray @new)
    {
        for (var i = 0; i < Math.Max(old.Count, @new.Count); i++)
        {
            if (i < old.Count && i < @new.Count)
            {
                Compare(Item(path, i), old[i], @new[i]);
            }
            else
            {
                AddedOrRemoved(Item(path, i), added: i >= old.Count, i < old.Count ? old[i] : @new[i]);
            }
        }
    }
}
