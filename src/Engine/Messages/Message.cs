using System.Runtime.CompilerServices;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Messages;

/// <summary>
/// One syslog message. Pooled and reference-counted: an input rents it, copies the frame into
/// <see cref="Buffer"/>, the parser records where each field sits (ranges into the buffer, no strings), and
/// the last holder's <see cref="Release"/> returns it to its pool with its buffer kept for reuse.
/// </summary>
public sealed class Message
{
    private const int InitialCapacity = 256;

    /// <summary>
    /// rsyslog's LOG_PRI_INVLD: facility 24 ("invld"), severity 7. rsyslogd 8.2302 reports pri "invld",
    /// syslogfacility "invld", pri-text "invld.debug" for it and does not parse such a message further.
    /// </summary>
    public const int InvalidPri = (24 << 3) | 7;

    private int _refCount;
    internal MessagePool? Pool;

    /// <summary>Raw bytes at [0, RawLength). Grows on demand and is kept across reuse.</summary>
    public byte[] Buffer = new byte[InitialCapacity];
    public int RawLength;

    // ---- set by the parser (ranges into Buffer) ----
    public MessageFlags Flags;
    /// <summary>
    /// facility*8+severity; rsyslog's default when the message has no PRI is 13 (user.notice). A malformed
    /// PRI ("&lt;999&gt;", "&lt;12") is <see cref="InvalidPri"/>, as in rsyslog.
    /// </summary>
    public int Pri = 13;
    /// <summary>Offset of the first byte after "&lt;PRI&gt;" (0 when there was no PRI).</summary>
    public int AfterPriOffset;
    public int ProtocolVersion;      // 0 = legacy (RFC 3164), 1 = RFC 5424
    public SyslogTime TimeReported;
    public SyslogTime TimeGenerated;
    public TextRange Hostname = TextRange.Absent;
    public TextRange Tag = TextRange.Absent;
    public TextRange ProgramName = TextRange.Absent;
    public TextRange AppName = TextRange.Absent;
    public TextRange ProcId = TextRange.Absent;
    public TextRange MsgId = TextRange.Absent;
    public TextRange StructuredData = TextRange.Absent;
    public TextRange Msg = TextRange.Absent;
    /// <summary>
    /// Bytes the parser derived that do not occur in the raw message (rsyslog builds them as separate strings,
    /// for example the RFC 5424 TAG "APP-NAME[PROCID]" or APP-NAME "-"). They sit in <see cref="Buffer"/> right
    /// after the raw bytes so that every field stays a <see cref="TextRange"/>.
    /// </summary>
    public int DerivedLength;

    // ---- set by the input ----
    public PeerInfo Peer = PeerInfo.Local;
    public InputInfo Input = InputInfo.Internal;

    // ---- set by scripts (set/unset, parse_json) and modules ----
    /// <summary>
    /// The message's $! and $. trees; null until the first variable is set, so messages that never use variables
    /// pay nothing. Kept (cleared) across reuse so that its nodes are recycled (see <see cref="MessageVariables"/>).
    /// </summary>
    public MessageVariables? Variables;

    /// <summary>
    /// The last parser module's verdict, the property parsesuccess ("OK"/"FAIL"): set by mmjsonparse, false until
    /// then (rsyslog's bParseSuccess).
    /// </summary>
    public bool ParseSuccess;

    /// <summary>The uuid property's value, generated on first use (see Properties/MessageUuid).</summary>
    internal UInt128 UuidValue;
    /// <summary>0: no uuid yet, 1: being generated, 2: <see cref="UuidValue"/> is set.</summary>
    internal int UuidState;

    /// <summary>The variable trees, created on first use.</summary>
    public MessageVariables GetOrCreateVariables() => Variables ??= new MessageVariables();

    public int Facility => Pri >> 3;
    public int Severity => Pri & 7;

    public ReadOnlySpan<byte> Raw => new(Buffer, 0, RawLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Slice(TextRange r) => r.Length <= 0 ? default : new ReadOnlySpan<byte>(Buffer, r.Start, r.Length);

    /// <summary>HOSTNAME from the header, or the sender's name when the header had none (rsyslog semantics).</summary>
    /// <remarks>A present but empty HOSTNAME (an RFC 5424 message that ends after its timestamp) stays empty.</remarks>
    public ReadOnlySpan<byte> HostnameOrFromHost => Hostname.IsPresent ? Slice(Hostname) : Peer.FromHost;

    /// <summary>Replaces the raw bytes (the frame) and clears everything parsed from earlier contents.</summary>
    public void SetRaw(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > Buffer.Length) Grow(frame.Length);
        frame.CopyTo(Buffer);
        RawLength = frame.Length;
        ResetParsed();
    }

    /// <summary>Makes room for <paramref name="length"/> bytes and returns the writable region; caller sets RawLength.</summary>
    public Span<byte> PrepareRaw(int length)
    {
        if (length > Buffer.Length) Grow(length);
        ResetParsed();
        return new Span<byte>(Buffer, 0, length);
    }

    /// <summary>
    /// Reserves <paramref name="length"/> bytes for a derived field after the raw bytes (and earlier derived ones);
    /// the caller fills the returned span. Existing contents are kept if the buffer grows.
    /// </summary>
    public Span<byte> AppendDerived(int length, out TextRange range)
    {
        int start = RawLength + DerivedLength;
        if (start + length > Buffer.Length) Grow(start + length, keep: start);
        DerivedLength += length;
        range = new TextRange(start, length);
        return new Span<byte>(Buffer, start, length);
    }

    private void Grow(int needed, int keep = 0)
    {
        int size = Buffer.Length;
        while (size < needed) size *= 2;
        var bigger = new byte[size];
        if (keep > 0) Buffer.AsSpan(0, keep).CopyTo(bigger);
        Buffer = bigger;
    }

    internal void ResetParsed()
    {
        Flags = MessageFlags.NeedsParsing;
        Pri = 13;
        AfterPriOffset = 0;
        ProtocolVersion = 0;
        TimeReported = default;
        DerivedLength = 0;
        Hostname = Tag = ProgramName = AppName = ProcId = MsgId = StructuredData = Msg = TextRange.Absent;
        ParseSuccess = false;
        Variables?.Clear();
    }

    // ---- lifetime ----

    /// <summary>Called by the pool when handed out: one reference, owned by the caller.</summary>
    internal void OnRent()
    {
        _refCount = 1;
        RawLength = 0;
        ResetParsed();
        TimeGenerated = default;
        UuidState = 0;
        Peer = PeerInfo.Local;
        Input = InputInfo.Internal;
    }

    /// <summary>Another holder (for example a second action queue) keeps the message.</summary>
    public void AddRef() => Interlocked.Increment(ref _refCount);

    /// <summary>Drops one reference; the last one returns the message to its pool.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _refCount);
        if (left == 0) Pool?.Return(this);
        else if (left < 0) throw new InvalidOperationException("Message released more often than referenced.");
    }

    internal int RefCount => Volatile.Read(ref _refCount);
}

[Flags]
public enum MessageFlags : ushort
{
    None = 0,
    NeedsParsing = 1,
    /// <summary>Parsed; the fields are valid.</summary>
    Parsed = 2,
    /// <summary>The frame was cut at maxMessageSize.</summary>
    Truncated = 4,
    /// <summary>Produced by the daemon itself (rsyslog's internal messages).</summary>
    Internal = 8,
}
