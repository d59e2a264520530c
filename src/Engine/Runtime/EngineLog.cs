using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Templates;
using Sluice.Engine.Submit;

namespace Sluice.Engine.Runtime;

/// <summary>
/// The daemon's own messages, as rsyslog emits them: facility syslog, tag "rsyslogd:" (so existing rules
/// that route rsyslogd's messages keep working), HOSTNAME = the local host name. Written to stderr when
/// running in the foreground and, once the engine runs, submitted into the main queue without ever
/// blocking (a queue worker may be the one logging).
/// </summary>
public sealed class EngineLog : IInternalLog
{
    private const int FacilitySyslog = 5;
    private readonly bool _toStderr;
    private readonly object _stderrLock = new();
    private volatile Submitter? _submitter;
    private MessagePool? _pool;
    private PeerInfo _self = PeerInfo.Local;
    private readonly InputInfo _input = new("rsyslogd", null, parseHostname: true);
    private byte[] _hostName = "localhost"u8.ToArray();

    public EngineLog(bool toStderr) => _toStderr = toStderr;

    /// <summary>From now on, messages also go into the engine.</summary>
    public void Attach(Submitter submitter, MessagePool pool, string localHostName)
    {
        _pool = pool;
        _hostName = Encoding.UTF8.GetBytes(localHostName);
        _self = new PeerInfo(_hostName, "127.0.0.1"u8.ToArray(), Array.Empty<byte>());
        _submitter = submitter;
    }

    public void Detach() => _submitter = null;

    public void Log(LogLevel level, string text)
    {
        if (_toStderr)
            lock (_stderrLock) Console.Error.WriteLine($"sluiced: {text}");

        var submitter = _submitter;
        var pool = _pool;
        if (submitter is null || pool is null) return;

        // Built as a header the parser reads back into rsyslog's fields for internal messages:
        // timereported = now, HOSTNAME = local host, TAG "rsyslogd:", MSG " text".
        var now = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now);
        var raw = new ByteBuffer(64 + text.Length * 3);
        raw.Append((byte)'<');
        raw.Append(Encoding.ASCII.GetBytes((FacilitySyslog * 8 + (int)level).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        raw.Append((byte)'>');
        TimestampFormatter.AppendRfc3339(raw, now);
        raw.Append((byte)' ');
        raw.Append(_hostName);
        raw.Append(" rsyslogd: "u8);
        raw.Append(Encoding.UTF8.GetBytes(text));

        var m = pool.Rent();
        m.SetRaw(raw.WrittenSpan);
        m.Flags |= MessageFlags.Internal;
        m.Peer = _self;
        m.Input = _input;
        m.TimeGenerated = now;
        var batch = new MessageBatch(1);
        batch.Add(m);
        submitter.Submit(batch, FlowControl.NoDelay, mayBlock: false);
    }
}
