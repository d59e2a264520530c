using Sluice.Engine.Diagnostics;
using Sluice.Engine.Framing;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Engine.Messages;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// One accepted connection: its framer, who the peer is, the TLS probe, and with compression.mode="stream:always"
/// the decompressor its bytes pass through before framing. Owned by one thread at a time
/// (see <see cref="IoItem"/>); that thread sets <see cref="_worker"/> while it feeds data, so frames land in
/// that worker's batch without any locking.
/// </summary>
internal sealed class TcpSession : IoItem, IFrameSink
{
    private readonly TcpRuntime _rt;
    private readonly TcpFramer _framer;
    private readonly StreamDecompressor? _decompressor;
    private TlsClientHelloProbe _tls;
    private int _inError;
    private TcpWorker? _worker;
    private int _framingErrorsLogged;
    private byte[]? _hostBytes;

    /// <summary>
    /// Framing errors logged per session before the rest are suppressed: a peer sending garbage produces an
    /// error per "frame", and it must not use up the internal-message rate limit that other peers'
    /// diagnostics share (rsyslog logs every one).
    /// </summary>
    internal const int MaxFramingErrorsLogged = 10;

    public TcpSession(int fd, TcpRuntime rt, PeerInfo peer, string host, string ip, string port) : base(fd)
    {
        _rt = rt;
        _framer = new TcpFramer(rt.Config.Framing);
        Peer = peer;
        Host = host;
        Ip = ip;
        Port = port;
        // Stands in for rsyslog's %p of the netstream object in its log texts.
        Id = "0x" + rt.NextSessionSerial().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        if (rt.Decompression != null) _decompressor = new StreamDecompressor(rt.Decompression, host, ip, port);
    }

    public PeerInfo Peer { get; }
    /// <summary>fromhost, fromhost-ip and fromhost-port as text, for log lines.</summary>
    public string Host { get; }
    /// <summary>fromhost as bytes, for the rate limiter's "begin to drop" text.</summary>
    private byte[] HostBytes => _hostBytes ??= System.Text.Encoding.UTF8.GetBytes(Host);
    public string Ip { get; }
    public string Port { get; }
    public string Id { get; }

    /// <summary>The event thread saw EPOLLERR; the next reader logs it (rsyslog's isInError).</summary>
    public void MarkInError() => Volatile.Write(ref _inError, 1);

    public bool TakeInError() => Interlocked.Exchange(ref _inError, 0) != 0;

    /// <summary>Frames one received chunk into the worker's batch. False when the session must be torn down.</summary>
    public bool OnData(ReadOnlySpan<byte> chunk, TcpWorker worker)
    {
        _rt.BytesReceived.Add(chunk.Length);
        if (_decompressor != null)
        {
            // A compressed stream is not probed for TLS (rsyslog skips the probe in this mode).
            _worker = worker;
            try
            {
                return _decompressor.Feed(chunk, _framer, this);
            }
            finally
            {
                _worker = null;
            }
        }
        if (!_tls.Done && _tls.Feed(chunk))
        {
            // rsyslog rejects the whole read before framing, then tears the session down.
            _rt.Log.Error(TcpLogText.TlsHandshakeDetected(Host, Ip, Port));
            _rt.Log.Error(TcpLogText.TearingDown(Ip, Port));
            return false;
        }
        _worker = worker;
        try
        {
            _framer.Feed(chunk, this);
        }
        finally
        {
            _worker = null;
        }
        return true;
    }

    /// <summary>
    /// Closes the session as rsyslog's closeSess does for every close path: out of epoll, then the partial
    /// frame handled (LF frame submitted, octet-counted frame discarded with an error), then the socket closed.
    /// </summary>
    public void Close(TcpWorker worker, bool finishFrame)
    {
        Epoll.Control(_rt.EpollFd, Epoll.CtlDel, Fd, 0, 0);
        try
        {
            // A compressed stream that failed or was cut off leaves its partial frame unsubmitted.
            if (_decompressor != null && !_decompressor.Finish()) finishFrame = false;
            if (finishFrame && !_framer.IsAtFrameStart)
            {
                worker.StampTime(); // PrepareClose reads the clock too
                _worker = worker;
                _framer.Finish(this);
                worker.Flush();
            }
        }
        finally
        {
            _worker = null;
            _decompressor?.Dispose();
            Sockets.Close(Fd);
            FreeToken();
            _rt.Sessions.Remove(this);
        }
    }

    void IFrameSink.OnFrame(ReadOnlySpan<byte> frame, bool truncated)
    {
        var w = _worker!;
        var limiter = _rt.Limiter;
        if (limiter.Enabled && !limiter.Allow(w.NowSeconds, HostBytes))
        {
            // tcps_sess.c counts "submitted" before ratelimitAddMsg discards (checked with rsyslogd 8.2302's impstats).
            _rt.Submitted.Increment();
            return;
        }
        var m = _rt.Pool.Rent();
        m.SetRaw(frame);
        if (truncated) m.Flags |= MessageFlags.Truncated;
        m.Peer = Peer;
        m.Input = _rt.Info;
        m.TimeGenerated = w.Now;
        w.Batch.Add(m);
        if (w.Batch.IsFull) w.Flush();
    }

    void IFrameSink.OnFramingError(FramingError error, int value)
    {
        string input = _rt.Info.InputName;
        string? text = error switch
        {
            FramingError.DelimiterNotSpace => TcpLogText.DelimiterNotSpace(input, Host, Ip, Port, value),
            FramingError.InvalidOctetCount => TcpLogText.InvalidOctetCount(input, Host, Ip, Port, value),
            FramingError.OversizeOctetCount => TcpLogText.OversizeMessage(input, Host, Ip, Port, value, _rt.Config.Framing.MaxMessageSize),
            FramingError.FrameTooLarge => TcpLogText.FrameTooLarge(input, Host, Ip, Port, value),
            FramingError.IncompleteFrameAtClose => TcpLogText.IncompleteFrameAtClose(Id),
            // rsyslog's tcps_sess only writes a debug line when it splits or truncates at maxMessageSize.
            _ => null,
        };
        if (text == null) return;
        if (error == FramingError.IncompleteFrameAtClose || _framingErrorsLogged < MaxFramingErrorsLogged)
        {
            _framingErrorsLogged++;
            _rt.Log.Error(text);
        }
        else if (_framingErrorsLogged == MaxFramingErrorsLogged)
        {
            _framingErrorsLogged++; // once per session; later errors are not counted further
            _rt.Log.Error(TcpLogText.FramingErrorsSuppressed(input, Host, Ip, Port, MaxFramingErrorsLogged));
        }
    }
}
