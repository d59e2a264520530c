using System.Buffers;
using System.Buffers.Text;
using Sluice.Engine.Properties;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// Renders a tree as rsyslog prints it (json_object_get_string, libfastjson's "spaced" format): <c>{ "a": 1, "b": [ 2 ] }</c>,
/// <c>{ }</c> and <c>[ ]</c> when empty; in strings '"', '\', '/' and the control characters are escaped ("\/",
/// "\u0001" with lowercase hex), other bytes are copied; doubles print as they were written in the parsed JSON.
/// </summary>
public static class JsonWriter
{
    public static void Write(ByteBuffer dest, JsonNode node) => Write(dest, node, plain: false);

    /// <summary>libfastjson's "plain" format (no blanks: <c>{"a":1,"b":[2]}</c>, <c>{}</c>), as $!all-json-plain renders it.</summary>
    public static void WritePlain(ByteBuffer dest, JsonNode node) => Write(dest, node, plain: true);

    private static void Write(ByteBuffer dest, JsonNode node, bool plain)
    {
        switch (node.Kind)
        {
            case JsonKind.Null: dest.Append("null"u8); break;
            case JsonKind.Boolean: dest.Append(node.Integer != 0 ? "true"u8 : "false"u8); break;
            case JsonKind.Integer: AsciiWriter.AppendDecimal(dest, node.Integer); break;
            case JsonKind.Double: WriteDouble(dest, node); break;
            case JsonKind.String: WriteString(dest, node.Text); break;
            case JsonKind.Object: WriteObject(dest, node, plain); break;
            case JsonKind.Array: WriteArray(dest, node, plain); break;
        }
    }

    /// <summary>A value as rsyslog turns it into a string (var2String): strings as they are, everything else as JSON.</summary>
    public static void WriteValue(ByteBuffer dest, JsonNode node)
    {
        if (node.Kind == JsonKind.String) dest.Append(node.Text);
        else if (node.Kind != JsonKind.Null) Write(dest, node);
    }

    public static void WriteString(ByteBuffer dest, ReadOnlySpan<byte> s)
    {
        dest.Append((byte)'"');
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && c != '/') continue;
            dest.Append(s[start..i]);
            start = i + 1;
            switch (c)
            {
                case (byte)'\b': dest.Append("\\b"u8); break;
                case (byte)'\n': dest.Append("\\n"u8); break;
                case (byte)'\r': dest.Append("\\r"u8); break;
                case (byte)'\t': dest.Append("\\t"u8); break;
                case (byte)'\f': dest.Append("\\f"u8); break;
                case (byte)'"': dest.Append("\\\""u8); break;
                case (byte)'\\': dest.Append("\\\\"u8); break;
                case (byte)'/': dest.Append("\\/"u8); break;
                default:
                    dest.Append("\\u00"u8);
                    dest.Append((byte)"0123456789abcdef"[c >> 4]);
                    dest.Append((byte)"0123456789abcdef"[c & 15]);
                    break;
            }
        }
        dest.Append(s[start..]);
        dest.Append((byte)'"');
    }

    private static void WriteObject(ByteBuffer dest, JsonNode node, bool plain)
    {
        dest.Append((byte)'{');
        bool first = true;
        for (int i = 0; i < node.SlotCount; i++)
        {
            var member = node.Slot(i);
            if (member is null) continue;
            if (plain) { if (!first) dest.Append((byte)','); }
            else dest.Append(first ? " "u8 : ", "u8);
            first = false;
            WriteString(dest, member.Key);
            dest.Append(plain ? ":"u8 : ": "u8);
            Write(dest, member, plain);
        }
        dest.Append(plain ? "}"u8 : " }"u8);
    }

    private static void WriteArray(ByteBuffer dest, JsonNode node, bool plain)
    {
        dest.Append((byte)'[');
        for (int i = 0; i < node.SlotCount; i++)
        {
            if (plain) { if (i > 0) dest.Append((byte)','); }
            else dest.Append(i == 0 ? " "u8 : ", "u8);
            Write(dest, node.Slot(i)!, plain);
        }
        dest.Append(plain ? "]"u8 : " ]"u8);
    }

    private static void WriteDouble(ByteBuffer dest, JsonNode node)
    {
        if (node.Text.Length > 0)
        {
            dest.Append(node.Text);
            return;
        }
        // Only parsed doubles exist (they keep their text); json-c's "%.17g" for any other.
        var span = dest.GetSpan(32);
        Utf8Formatter.TryFormat(node.Double, span, out int written, new StandardFormat('G', 17));
        dest.Advance(written);
    }
}
