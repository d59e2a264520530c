using System.Text;
using System.Text.Json;

namespace Sluice.Engine.Lookup;

/// <summary>A lookup table file that cannot be used; the message is rsyslog's (lookup.c) where it has one.</summary>
public sealed class LookupTableException(string message) : Exception(message);

/// <summary>
/// Reads rsyslog's lookup table format (lookup.c, version 1):
/// {"version": 1, "nomatch": "…", "type": "string" | "array" | "sparseArray", "table": [{"index": …, "value": "…"}, …]}.
/// As in rsyslogd 8.2302: a missing version is a warning (1 is assumed), a missing type means "string", values that are
/// not strings are used as their JSON text, array/sparseArray keys are unsigned 32-bit numbers, and the indexes of an
/// "array" table must be contiguous.
/// </summary>
public static class LookupTableLoader
{
    public static LookupData Load(string name, string path, List<string> warnings)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory"
                : e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            throw new LookupTableException($"lookup table file '{path}' could not be opened: {reason}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new LookupTableException($"lookup table file '{path}' json parsing error: {e.Message}");
        }
        using (document)
            return Build(name, document.RootElement, warnings);
    }

    public static LookupData Build(string name, JsonElement root, List<string> warnings)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new LookupTableException($"lookup table named: '{name}' is not a JSON object");
        if (!root.TryGetProperty("version", out var version))
            warnings.Add($"lookup table named: '{name}' doesn't specify version (will use default value: 1)");
        else if (!version.TryGetInt32(out int v) || v != 1)
            throw new LookupTableException($"lookup table named: '{name}' uses unsupported version: {Text(version)}");

        byte[] noMatch = root.TryGetProperty("nomatch", out var nm) ? Encoding.UTF8.GetBytes(Text(nm)) : Array.Empty<byte>();
        string type = root.TryGetProperty("type", out var t) ? Text(t) : "string";
        if (!root.TryGetProperty("table", out var table) || table.ValueKind != JsonValueKind.Array)
            throw new LookupTableException($"lookup table named: '{name}' has no \"table\" array");

        switch (type)
        {
            case "string":
                var strings = new List<(byte[], byte[])>();
                foreach (var row in table.EnumerateArray())
                {
                    var (index, value) = Row(name, type, row);
                    strings.Add((Encoding.UTF8.GetBytes(Text(index)), value));
                }
                return LookupData.ForStrings(strings, noMatch);
            case "array":
            case "sparseArray":
                var numbers = new List<(uint, byte[])>();
                foreach (var row in table.EnumerateArray())
                {
                    var (index, value) = Row(name, type, row);
                    numbers.Add((Number(name, type, index), value));
                }
                if (type == "array") CheckContiguous(name, numbers);
                return LookupData.ForNumbers(type == "array" ? LookupKind.Array : LookupKind.SparseArray, numbers, noMatch);
            default:
                throw new LookupTableException($"lookup table named: '{name}' uses unsupported type: '{type}' (use \"string\", \"array\" or \"sparseArray\")");
        }
    }

    private static (JsonElement Index, byte[] Value) Row(string name, string type, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("index", out var index) || index.ValueKind == JsonValueKind.Null)
            throw new LookupTableException($"'{type}' lookup table named: '{name}' has record(s) without 'index' field");
        if (!row.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null)
            throw new LookupTableException($"'{type}' lookup table named: '{name}' has record(s) without 'value' field");
        return (index, Encoding.UTF8.GetBytes(Text(value)));
    }

    /// <summary>json-c's json_object_get_int on an index: numbers and numeric strings.</summary>
    private static uint Number(string name, string type, JsonElement index)
    {
        if (index.ValueKind == JsonValueKind.Number && index.TryGetInt64(out long n) && n is >= 0 and <= uint.MaxValue) return (uint)n;
        if (index.ValueKind == JsonValueKind.String && uint.TryParse(index.GetString(), out uint s)) return s;
        throw new LookupTableException($"'{type}' lookup table named: '{name}' has an index that is not a number from 0 to {uint.MaxValue}: {index.GetRawText()}");
    }

    private static void CheckContiguous(string name, List<(uint Key, byte[] Value)> entries)
    {
        var keys = entries.Select(e => e.Key).Distinct().Order().ToList();
        for (int i = 1; i < keys.Count; i++)
            if (keys[i] != keys[i - 1] + 1)
                throw new LookupTableException($"'array' lookup table name: '{name}' has non-contiguous members between index '{keys[i - 1] + 1}' and '{keys[i]}'");
    }

    /// <summary>json_object_get_string: a string as it is, anything else as its JSON text.</summary>
    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
