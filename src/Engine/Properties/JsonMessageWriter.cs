using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// The jsonmesg property (msg.c msgGetJSONMESG): the message as one JSON object, in libfastjson's spaced format, with
/// rsyslog's fixed keys in rsyslog's order. Every value is a JSON string of the property as %name% renders it (the two
/// times as date-rfc3339), cut at a NUL byte because rsyslog hands C strings to json_object_new_string; "uuid" is null
/// until the message's uuid was used; "$!" is the message's JSON tree, or null. Byte-identical to rsyslogd 8.2302.
/// </summary>
public static class JsonMessageWriter
{
    private static readonly (byte[] Key, PropertyId Id)[] Fields =
    [
        ("{ \"msg\": "u8.ToArray(), PropertyId.Msg),
        (", \"rawmsg\": "u8.ToArray(), PropertyId.RawMsg),
        (", \"timereported\": "u8.ToArray(), PropertyId.TimeReported),
        (", \"hostname\": "u8.ToArray(), PropertyId.Hostname),
        (", \"syslogtag\": "u8.ToArray(), PropertyId.SyslogTag),
        (", \"inputname\": "u8.ToArray(), PropertyId.InputName),
        (", \"fromhost\": "u8.ToArray(), PropertyId.FromHost),
        (", \"fromhost-ip\": "u8.ToArray(), PropertyId.FromHostIp),
        (", \"pri\": "u8.ToArray(), PropertyId.Pri),
        (", \"syslogfacility\": "u8.ToArray(), PropertyId.SyslogFacility),
        (", \"syslogseverity\": "u8.ToArray(), PropertyId.SyslogSeverity),
        (", \"timegenerated\": "u8.ToArray(), PropertyId.TimeGenerated),
        (", \"programname\": "u8.ToArray(), PropertyId.ProgramName),
        (", \"protocol-version\": "u8.ToArray(), PropertyId.ProtocolVersion),
        (", \"structured-data\": "u8.ToArray(), PropertyId.StructuredData),
        (", \"app-name\": "u8.ToArray(), PropertyId.AppName),
        (", \"procid\": "u8.ToArray(), PropertyId.ProcId),
        (", \"msgid\": "u8.ToArray(), PropertyId.MsgId),
    ];

    /// <summary>One scratch buffer per rendering thread: a value is rendered there, then escaped into the output.</summary>
    [ThreadStatic] private static ByteBuffer? t_scratch;

    public static void Append(ByteBuffer dest, Message m, in RenderContext ctx)
    {
        var scratch = t_scratch ??= new ByteBuffer(1024);
        foreach (var (key, id) in Fields)
        {
            dest.Append(key);
            scratch.Clear();
            var format = id is PropertyId.TimeReported or PropertyId.TimeGenerated ? DateFormat.Rfc3339 : DateFormat.Default;
            PropertyWriter.Append(scratch, id, m, ctx, format);
            JsonWriter.WriteString(dest, UpToNul(scratch.WrittenSpan));
        }

        dest.Append(", \"uuid\": "u8);
        if (MessageUuid.HasUuid(m))
        {
            scratch.Clear();
            MessageUuid.Append(scratch, m);
            JsonWriter.WriteString(dest, scratch.WrittenSpan);
        }
        else
        {
            dest.Append("null"u8);
        }

        dest.Append(", \"$!\": "u8);
        if (m.Variables?.Tree.Root is { } root) JsonWriter.Write(dest, root);
        else dest.Append("null"u8);
        dest.Append(" }"u8);
    }

    private static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }
}
