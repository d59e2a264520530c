using System.Text;

namespace Sluice.Engine.Messages.Serialization;

/// <summary>Why <see cref="MessageSerializer.TryRead"/> refused a record.</summary>
public enum MessageReadResult
{
    Ok,
    /// <summary>Written by a newer format this build does not know.</summary>
    UnknownVersion,
    /// <summary>The bytes end early, or a field is out of range: not a message this serializer wrote.</summary>
    Malformed,
}

/// <summary>
/// A message's whole state in a compact binary form, so it survives the disk queue round trip unchanged: the
/// raw and derived bytes, every parsed field, the timestamps, the sender and the input. Writing allocates
/// nothing (it writes straight into the mapped segment); reading fills a pooled <see cref="Message"/> and shares
/// <see cref="PeerInfo"/>/<see cref="InputInfo"/> objects through caches.
///
/// <para><b>Format, version 1.</b> Integers are LEB128 varints; "int" fields are zigzag-encoded first (so the -1
/// of an absent range is one byte). "bytes" is a varint length followed by the bytes.
/// <code>
/// u8    version = 1
/// int   Flags, Pri, AfterPriOffset, ProtocolVersion
/// time  TimeReported, TimeGenerated     u8 0 = unset (default), or u8 1 followed by int Year, u8 Month, Day,
///                                       Hour, Minute, Second, SecFracPrecision, int SecFrac, u8 OffsetMode,
///                                       OffsetHour, OffsetMinute, IsSet
/// int   RawLength, DerivedLength
/// 8 ×   int Start, int Length           Hostname, Tag, ProgramName, AppName, ProcId, MsgId, StructuredData, Msg
/// raw   RawLength + DerivedLength bytes (the buffer the ranges point into)
/// bytes fromhost, fromhost-ip, fromhost-port
/// bytes input name; int ruleset length + 1 (0 = default ruleset) and its bytes; u8 parse-hostname
/// sections, then u8/varint 0:           each: varint type (≥ 1), varint length, that many bytes
/// </code>
/// <b>Extension point.</b> New state is added as a new section type, without changing the version: readers skip
/// sections they do not know, so spool files stay readable in both directions. Written when present: 1 = message
/// variables (<c>$!</c>, as JSON), 2 = local variables (<c>$.</c>, as JSON), 3 = the uuid once a template or filter
/// asked for it (16 bytes, big-endian), 4 = parsesuccess when "OK" (one byte, 1); <c>$/</c> globals are not part of
/// a message (as in rsyslog's MsgSerialize, which also carries the uuid). rsyslogd 8.2302 does not carry
/// parsesuccess: read back from its disk queue every message says "FAIL". Sluice keeps it, as a memory queue does in
/// both daemons (checked in tests/Sluice.Tests/Messages/Serialization/MessageStateDiskQueueTests.cs). The version changes only if the fixed part above changes; a reader refuses a
/// version it does not know.</para>
/// </summary>
public static class MessageSerializer
{
    public const byte Version = 1;

    /// <summary>Section types (see the class comment).</summary>
    public const int SectionEnd = 0;
    public const int SectionMessageVariables = 1;
    public const int SectionLocalVariables = 2;
    public const int SectionUuid = 3;
    public const int SectionParseSuccess = 4;

    private const int UuidLength = 16;

    /// <summary>
    /// The uuid and parsesuccess as GetLength saw them, so that Write writes exactly the length GetLength promised even
    /// if another action creates the uuid in between (a message is shared by every action queue holding it).
    /// </summary>
    private sealed class StateSnapshot
    {
        public Message? Owner;
        public bool HasUuid;
        public UInt128 Uuid;
        public bool ParseSuccess;

        public void Take(Message m)
        {
            Owner = m;
            HasUuid = Properties.MessageUuid.HasUuid(m);
            Uuid = HasUuid ? m.UuidValue : default;
            ParseSuccess = m.ParseSuccess;
        }
    }

    [ThreadStatic] private static StateSnapshot? t_state;

    private static StateSnapshot State(Message m)
    {
        var s = t_state ??= new StateSnapshot();
        if (!ReferenceEquals(s.Owner, m)) s.Take(m);
        return s;
    }

    /// <summary>The exact number of bytes <see cref="Write"/> produces for <paramref name="m"/>.</summary>
    public static int GetLength(Message m)
    {
        int n = 1
            + WireSize.VarInt((ushort)m.Flags) + WireSize.VarInt(m.Pri) + WireSize.VarInt(m.AfterPriOffset) + WireSize.VarInt(m.ProtocolVersion)
            + TimeLength(m.TimeReported) + TimeLength(m.TimeGenerated)
            + WireSize.VarInt(m.RawLength) + WireSize.VarInt(m.DerivedLength)
            + RangeLength(m.Hostname) + RangeLength(m.Tag) + RangeLength(m.ProgramName) + RangeLength(m.AppName)
            + RangeLength(m.ProcId) + RangeLength(m.MsgId) + RangeLength(m.StructuredData) + RangeLength(m.Msg)
            + m.RawLength + m.DerivedLength;
        var peer = m.Peer;
        n += WireSize.LengthPrefixed(peer.FromHost.Length) + WireSize.LengthPrefixed(peer.FromHostIp.Length)
             + WireSize.LengthPrefixed(peer.FromHostPort.Length);
        var input = m.Input;
        n += WireSize.LengthPrefixed(input.InputNameBytes.Length);
        int rulesetLength = input.RulesetName is { } r ? Encoding.UTF8.GetByteCount(r) : -1;
        n += WireSize.VarInt(rulesetLength + 1) + Math.Max(0, rulesetLength) + 1;
        if (VariablesJson(m) is { } json)
        {
            if (json.Tree.Length > 0) n += WireSize.VarUInt(SectionMessageVariables) + WireSize.LengthPrefixed(json.Tree.Length);
            if (json.Locals.Length > 0) n += WireSize.VarUInt(SectionLocalVariables) + WireSize.LengthPrefixed(json.Locals.Length);
        }
        var state = t_state ??= new StateSnapshot();
        state.Take(m);
        if (state.HasUuid) n += WireSize.VarUInt(SectionUuid) + WireSize.LengthPrefixed(UuidLength);
        if (state.ParseSuccess) n += WireSize.VarUInt(SectionParseSuccess) + WireSize.LengthPrefixed(1);
        n += 1; // section list terminator
        return n;
    }

    /// <summary>
    /// The message's <c>$!</c> and <c>$.</c> trees as JSON, rendered once per thread and message for the
    /// GetLength/Write pair (the disk queue calls both); null when the message has no variables.
    /// </summary>
    private static RenderedVariables? VariablesJson(Message m)
    {
        if (m.Variables is not { IsEmpty: false } v) return null;
        var r = t_rendered ??= new RenderedVariables();
        if (ReferenceEquals(r.Owner, m)) return r; // rendered by GetLength for the Write that follows it
        r.Tree.Clear();
        r.Locals.Clear();
        if (v.Tree.Root is { } tree) Variables.JsonWriter.Write(r.Tree, tree);
        if (v.Locals.Root is { } locals) Variables.JsonWriter.Write(r.Locals, locals);
        r.Owner = m;
        return r;
    }

    private sealed class RenderedVariables
    {
        public readonly Templates.ByteBuffer Tree = new(1024);
        public readonly Templates.ByteBuffer Locals = new(256);
        public Message? Owner;
    }

    [ThreadStatic] private static RenderedVariables? t_rendered;

    /// <summary>
    /// Writes <paramref name="m"/> into <paramref name="destination"/>, which must hold <see cref="GetLength"/>
    /// bytes; returns the bytes written.
    /// </summary>
    public static int Write(Message m, Span<byte> destination)
    {
        var w = new WireWriter(destination);
        w.Byte(Version);
        w.VarInt((ushort)m.Flags);
        w.VarInt(m.Pri);
        w.VarInt(m.AfterPriOffset);
        w.VarInt(m.ProtocolVersion);
        WriteTime(ref w, m.TimeReported);
        WriteTime(ref w, m.TimeGenerated);
        w.VarInt(m.RawLength);
        w.VarInt(m.DerivedLength);
        WriteRange(ref w, m.Hostname);
        WriteRange(ref w, m.Tag);
        WriteRange(ref w, m.ProgramName);
        WriteRange(ref w, m.AppName);
        WriteRange(ref w, m.ProcId);
        WriteRange(ref w, m.MsgId);
        WriteRange(ref w, m.StructuredData);
        WriteRange(ref w, m.Msg);
        w.Bytes(new ReadOnlySpan<byte>(m.Buffer, 0, m.RawLength + m.DerivedLength));
        var peer = m.Peer;
        w.LengthPrefixed(peer.FromHost);
        w.LengthPrefixed(peer.FromHostIp);
        w.LengthPrefixed(peer.FromHostPort);
        var input = m.Input;
        w.LengthPrefixed(input.InputNameBytes);
        if (input.RulesetName is { } ruleset)
        {
            int length = Encoding.UTF8.GetByteCount(ruleset);
            w.VarInt(length + 1);
            Encoding.UTF8.GetBytes(ruleset, w.Reserve(length));
        }
        else
        {
            w.VarInt(0);
        }
        w.Byte(input.ParseHostname ? (byte)1 : (byte)0);
        if (VariablesJson(m) is { } json)
        {
            if (json.Tree.Length > 0)
            {
                w.VarUInt(SectionMessageVariables);
                w.LengthPrefixed(json.Tree.WrittenSpan);
            }
            if (json.Locals.Length > 0)
            {
                w.VarUInt(SectionLocalVariables);
                w.LengthPrefixed(json.Locals.WrittenSpan);
            }
            json.Owner = null; // rendered for this write only: the message may change before it is written again
        }
        var state = State(m);
        if (state.HasUuid)
        {
            w.VarUInt(SectionUuid);
            w.VarUInt(UuidLength);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(w.Reserve(UuidLength), state.Uuid);
        }
        if (state.ParseSuccess)
        {
            w.VarUInt(SectionParseSuccess);
            w.VarUInt(1);
            w.Byte(1);
        }
        state.Owner = null; // taken for this write only
        w.VarUInt(SectionEnd);
        return w.Position;
    }

    /// <summary>
    /// Rents a message from <paramref name="pool"/> and fills it from <paramref name="data"/>; null (nothing
    /// rented) when the record is refused, with the reason in <paramref name="result"/>.
    /// </summary>
    public static Message? Read(ReadOnlySpan<byte> data, MessagePool pool, MessageReadContext context, out MessageReadResult result)
    {
        var m = pool.Rent();
        result = TryRead(data, m, context);
        if (result == MessageReadResult.Ok) return m;
        m.Release();
        return null;
    }

    private static readonly Variables.VariablePath MessageRoot = Variables.VariablePath.Parse("!");
    private static readonly Variables.VariablePath LocalRoot = Variables.VariablePath.Parse(".");

    private static bool ReadVariables(Message m, ReadOnlySpan<byte> json, Variables.VariableScope scope)
    {
        var v = m.GetOrCreateVariables();
        var node = Variables.JsonReader.Parse(json, v.Pool);
        if (node is null) return false;
        v.For(scope).Set(scope == Variables.VariableScope.Message ? MessageRoot : LocalRoot, node, reset: false);
        return true;
    }

    /// <summary>Fills <paramref name="m"/> (fresh from a pool) from <paramref name="data"/>.</summary>
    public static MessageReadResult TryRead(ReadOnlySpan<byte> data, Message m, MessageReadContext context)
    {
        var r = new WireReader(data);
        if (!r.Byte(out byte version)) return MessageReadResult.Malformed;
        if (version != Version) return MessageReadResult.UnknownVersion;
        if (!r.Int(out int flags) || (uint)flags > ushort.MaxValue) return MessageReadResult.Malformed;
        if (!r.Int(out int pri) || !r.Int(out int afterPri) || !r.Int(out int protocol)) return MessageReadResult.Malformed;
        if (!ReadTime(ref r, out var reported) || !ReadTime(ref r, out var generated)) return MessageReadResult.Malformed;
        if (!r.Int(out int rawLength) || !r.Int(out int derivedLength) || rawLength < 0 || derivedLength < 0) return MessageReadResult.Malformed;
        long total = (long)rawLength + derivedLength;
        if (total > r.Remaining) return MessageReadResult.Malformed;
        if (!ReadRange(ref r, total, out var hostname) || !ReadRange(ref r, total, out var tag)
            || !ReadRange(ref r, total, out var programName) || !ReadRange(ref r, total, out var appName)
            || !ReadRange(ref r, total, out var procId) || !ReadRange(ref r, total, out var msgId)
            || !ReadRange(ref r, total, out var structuredData) || !ReadRange(ref r, total, out var msg))
            return MessageReadResult.Malformed;
        if (!r.Bytes((int)total, out var buffer)) return MessageReadResult.Malformed;
        if (!r.LengthPrefixed(out var fromHost) || !r.LengthPrefixed(out var fromHostIp) || !r.LengthPrefixed(out var port))
            return MessageReadResult.Malformed;
        if (!r.LengthPrefixed(out var inputName) || !r.Int(out int rulesetPlusOne) || rulesetPlusOne < 0) return MessageReadResult.Malformed;
        ReadOnlySpan<byte> rulesetName = default;
        if (rulesetPlusOne > 0 && !r.Bytes(rulesetPlusOne - 1, out rulesetName)) return MessageReadResult.Malformed;
        if (!r.Byte(out byte parseHostname)) return MessageReadResult.Malformed;
        // Sections: the variables; unknown ones are skipped (the extension point, see the class comment).
        ReadOnlySpan<byte> treeJson = default, localsJson = default, uuid = default;
        bool parseSuccess = false;
        for (int i = 0; ; i++)
        {
            if (i > 1024 || !r.VarUInt(out ulong type)) return MessageReadResult.Malformed;
            if (type == SectionEnd) break;
            if (!r.LengthPrefixed(out var section)) return MessageReadResult.Malformed;
            if (type == SectionMessageVariables) treeJson = section;
            else if (type == SectionLocalVariables) localsJson = section;
            else if (type == SectionUuid)
            {
                if (section.Length != UuidLength) return MessageReadResult.Malformed;
                uuid = section;
            }
            else if (type == SectionParseSuccess)
            {
                if (section.Length != 1) return MessageReadResult.Malformed;
                parseSuccess = section[0] != 0;
            }
        }

        buffer.CopyTo(m.PrepareRaw((int)total));
        m.RawLength = rawLength;
        m.DerivedLength = derivedLength;
        m.Flags = (MessageFlags)flags;
        m.Pri = pri;
        m.AfterPriOffset = afterPri;
        m.ProtocolVersion = protocol;
        m.TimeReported = reported;
        m.TimeGenerated = generated;
        m.Hostname = hostname;
        m.Tag = tag;
        m.ProgramName = programName;
        m.AppName = appName;
        m.ProcId = procId;
        m.MsgId = msgId;
        m.StructuredData = structuredData;
        m.Msg = msg;
        m.Peer = context.Peers.Get(fromHost, fromHostIp, port);
        m.Input = context.Inputs.Resolve(inputName, rulesetName, rulesetPlusOne > 0, parseHostname != 0);
        // Last: preparing the buffer above resets the message, variables included.
        if (!treeJson.IsEmpty && !ReadVariables(m, treeJson, Variables.VariableScope.Message)) return MessageReadResult.Malformed;
        if (!localsJson.IsEmpty && !ReadVariables(m, localsJson, Variables.VariableScope.Local)) return MessageReadResult.Malformed;
        m.ParseSuccess = parseSuccess;
        if (!uuid.IsEmpty) Properties.MessageUuid.Restore(m, System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(uuid));
        return MessageReadResult.Ok;
    }

    private static int RangeLength(TextRange r) => WireSize.VarInt(r.Start) + WireSize.VarInt(r.Length);

    private static void WriteRange(ref WireWriter w, TextRange r)
    {
        w.VarInt(r.Start);
        w.VarInt(r.Length);
    }

    /// <summary>A present range must lie inside the buffer; an absent one (length -1) is kept as it was.</summary>
    private static bool ReadRange(ref WireReader r, long total, out TextRange range)
    {
        range = default;
        if (!r.Int(out int start) || !r.Int(out int length) || length < -1) return false;
        if (length >= 0 && (start < 0 || start + (long)length > total)) return false;
        range = new TextRange(start, length);
        return true;
    }

    private static bool IsDefault(in SyslogTime t) =>
        t.Year == 0 && t.Month == 0 && t.Day == 0 && t.Hour == 0 && t.Minute == 0 && t.Second == 0
        && t.SecFracPrecision == 0 && t.SecFrac == 0 && t.OffsetMode == 0 && t.OffsetHour == 0 && t.OffsetMinute == 0 && !t.IsSet;

    private static int TimeLength(in SyslogTime t) =>
        IsDefault(t) ? 1 : 1 + WireSize.VarInt(t.Year) + 6 + WireSize.VarInt(t.SecFrac) + 4;

    private static void WriteTime(ref WireWriter w, in SyslogTime t)
    {
        if (IsDefault(t))
        {
            w.Byte(0);
            return;
        }
        w.Byte(1);
        w.VarInt(t.Year);
        w.Byte(t.Month);
        w.Byte(t.Day);
        w.Byte(t.Hour);
        w.Byte(t.Minute);
        w.Byte(t.Second);
        w.Byte(t.SecFracPrecision);
        w.VarInt(t.SecFrac);
        w.Byte(t.OffsetMode);
        w.Byte(t.OffsetHour);
        w.Byte(t.OffsetMinute);
        w.Byte(t.IsSet ? (byte)1 : (byte)0);
    }

    private static bool ReadTime(ref WireReader r, out SyslogTime t)
    {
        t = default;
        if (!r.Byte(out byte tag)) return false;
        if (tag == 0) return true;
        if (tag != 1) return false;
        if (!r.Int(out int year) || year < short.MinValue || year > short.MaxValue) return false;
        if (!r.Byte(out t.Month) || !r.Byte(out t.Day) || !r.Byte(out t.Hour) || !r.Byte(out t.Minute) || !r.Byte(out t.Second)
            || !r.Byte(out t.SecFracPrecision) || !r.Int(out t.SecFrac) || !r.Byte(out t.OffsetMode) || !r.Byte(out t.OffsetHour)
            || !r.Byte(out t.OffsetMinute) || !r.Byte(out byte isSet))
            return false;
        t.Year = (short)year;
        t.IsSet = isSet != 0;
        return true;
    }
}
