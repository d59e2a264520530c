using Sluice.Engine.Templates;

namespace Sluice.Engine.Actions;

/// <summary>
/// Writes a byte string as a JSON string value the way json-c (rsyslog's JSON library) serializes it, so the
/// error file is byte-identical to rsyslog's: '"', '\' and '/' escaped ("\/"), \b \f \n \r \t, other control
/// bytes as \u00xx (lower-case hex), everything else (DEL, UTF-8) as is. The value is a C string in rsyslog,
/// so it ends at the first NUL byte.
/// </summary>
internal static class JsonCEscaper
{
    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    public static void AppendQuoted(ByteBuffer into, ReadOnlySpan<byte> value)
    {
        into.Append((byte)'"');
        foreach (byte b in value)
        {
            switch (b)
            {
                case 0: into.Append((byte)'"'); return;
                case (byte)'"': into.Append("\\\""u8); break;
                case (byte)'\\': into.Append("\\\\"u8); break;
                case (byte)'/': into.Append("\\/"u8); break;
                case (byte)'\b': into.Append("\\b"u8); break;
                case (byte)'\f': into.Append("\\f"u8); break;
                case (byte)'\n': into.Append("\\n"u8); break;
                case (byte)'\r': into.Append("\\r"u8); break;
                case (byte)'\t': into.Append("\\t"u8); break;
                default:
                    if (b < 0x20)
                    {
                        into.Append("\\u00"u8);
                        into.Append(Hex[b >> 4]);
                        into.Append(Hex[b & 15]);
                    }
                    else
                    {
                        into.Append(b);
                    }
                    break;
            }
        }
        into.Append((byte)'"');
    }
}
