using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
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
    private readonly InputInfo _input = new("rsyslogd", null, parseHostname: false);

    private readonly InternalMessageRateLimiter _limiter;

    public EngineLog(bool toStderr, InternalMessageRateLimiter? limiter = null)
    {
        _toStderr = toStderr;
        _limiter = limiter ?? new InternalMessageRateLimiter();
    }

    /// <summary>From now on, messages also go into the engine.</summary>
    public void Attach(Submitter submitter, MessagePool pool, string localHostName)
    {
        _pool = pool;
        // rsyslog gives its own messages the local host as HOSTNAME and fromhost.
        _self = new PeerInfo(Encoding.UTF8.GetBytes(localHostName), "127.0.0.1"u8.ToArray(), Array.Empty<byte>());
        _submitter = submitter;
    }

    public void Detach() => _submitter = null;

    public void Log(LogLevel level, string text)
    {
        if (!_limiter.Allow(Environment.TickCount64, out int dropped)) return;
        if (dropped > 0)
            Emit(LogLevel.Warning, $"{dropped} messages lost due to rate-limiting ({_limiter.Burst} allowed within {_limiter.IntervalSeconds} seconds)");
        Emit(level, text);
    }

    private void Emit(LogLevel level, string text)
    {
        if (_toStderr)
            lock (_stderrLock) Console.Error.WriteLine($"sluiced: {text}");

        var submitter = _submitter;
        var pool = _pool;
        if (submitter is null || pool is null) return;

        // The form Parsing/InternalMessageParser turns into rsyslog's internal-message fields.
        var now = SyslogTime.FromDateTimeOffset(DateTimeOffset.Now);
        var raw = Encoding.UTF8.GetBytes($"<{FacilitySyslog * 8 + (int)level}>rsyslogd: {text}");
        var m = pool.Rent();
        m.SetRaw(raw);
        m.Flags |= MessageFlags.Internal;
        m.Peer = _self;
        m.Input = _input;
        m.TimeGenerated = now;
        var batch = new MessageBatch(1);
        batch.Add(m);
        submitter.Submit(batch, FlowControl.NoDelay, mayBlock: false);
    }
}
