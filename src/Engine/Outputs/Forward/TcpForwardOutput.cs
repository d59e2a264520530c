using Sluice.Engine.Compression;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Native;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// omfwd over plain TCP. A commit (re)connects if needed (omfwd.c commitTransaction → doTryResume), checks that
/// the peer has not closed the idle connection (extendedConnectionCheck), and sends the batch's frames, or feeds
/// them to the connection's compressed stream (stream:always) and flushes it at the end of the batch when
/// flushOnTXEnd is on. A large zlib batch arrives already compressed by its worker
/// (<see cref="FrameBatch.Compressed"/>) and is spliced onto the stream when its primer matches what the stream
/// really holds. Any send failure logs rsyslog's "remote server … closed connection" error (thinned by
/// conErrSkip), abandons the connection and returns <see cref="ActionResult.Suspended"/>: the action runtime
/// retries the batch, so messages of a batch cut off by a broken connection may arrive twice, as with rsyslog.
/// <para>
/// rsyslog copies frames into a 16 KiB buffer and writes it whenever it fills and at the end of the batch; a
/// Sluice batch is already rendered into one contiguous buffer, so it goes out in as few send() calls as the
/// kernel allows. The bytes on the wire are the same.
/// </para>
/// </summary>
public sealed class TcpForwardOutput : ForwardOutput, IByteSink
{
    private readonly TcpConnection _connection = new();
    private readonly ConnectionErrorReporter _errors;
    private StreamCompressor? _compressor;
    private int _sinceRebind;
    private byte[] _last = new byte[256];
    private int _lastLength;
    private bool _resendPending;
    private Errno _sendError;

    public TcpForwardOutput(ForwardSettings settings, Template template, IInternalLog log, StatsRegistry stats)
        : base(settings, template, log, stats)
    {
        _errors = new ConnectionErrorReporter(log, settings);
    }

    public bool IsConnected
    {
        get { lock (Lock) return _connection.IsOpen; }
    }

    internal int SocketDescriptor
    {
        get { lock (Lock) return _connection.Descriptor; }
    }

    protected override ActionResult DeliverLocked(FrameBatch batch)
    {
        if (_connection.IsOpen && Settings.ExtendedConnectionCheck && _connection.PeerHasClosed())
        {
            _errors.RemoteClosed();
            Abandon();
        }
        if (!_connection.IsOpen && !Connect()) return ActionResult.Suspended;

        _sendError = Errno.None;
        if (_resendPending)
        {
            // ResendLastMSGOnReconnect: the last message of the last batch delivered before the connection broke.
            _resendPending = false;
            if (_lastLength > 0) Write(new ReadOnlySpan<byte>(_last, 0, _lastLength));
        }

        int count = batch.Count;
        if (Settings.RebindInterval > 0)
        {
            if (!SendWithRebind(batch)) return _connection.IsOpen ? Failed() : ActionResult.Suspended;
        }
        else if (batch.Compressed is null || !((ZlibStreamCompressor)_compressor!).TrySplice(batch.Compressed, batch.Data.WrittenSpan))
        {
            // Plain frames, a small batch, or one compressed against history the stream does not have: compressed here.
            Write(batch.Data.WrittenSpan);
        }
        if (_sendError == Errno.None && _compressor is not null && Settings.FlushOnTxEnd && !_compressor.Flush())
            _sendError = Errno.EPROTO;
        if (_sendError != Errno.None) return Failed();

        MessagesSent.Add(count);
        if (Settings.ResendLastOnReconnect) Remember(batch.Frame(count - 1));
        return ActionResult.Ok;
    }

    /// <summary>
    /// RebindInterval as tcpclt.c counts it in rsyslogd 8.2302: every message increments the counter and the
    /// one that makes it reach the interval goes out on a new connection (the counter restarts at 0 with it).
    /// Before the switch, what came earlier is sent on the old connection and its compressed stream finished;
    /// rsyslog 8.2302 keeps those bytes in its buffer and sends them on the new connection instead.
    /// Returns false when a send failed (connection still open) or the reconnect failed (connection closed, logged).
    /// </summary>
    private bool SendWithRebind(FrameBatch batch)
    {
        int from = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            if (++_sinceRebind != Settings.RebindInterval) continue;
            _sinceRebind = 0;
            Write(batch.Frames(from, i));
            from = i;
            if (_sendError != Errno.None) return false;
            Close(finishStream: true);
            if (!Connect()) return false;
        }
        Write(batch.Frames(from, batch.Count));
        return _sendError == Errno.None;
    }

    public override ActionResult TryResume()
    {
        lock (Lock) return _connection.IsOpen || Connect() ? ActionResult.Ok : ActionResult.Suspended;
    }

    /// <summary>Shutdown: a stream kept open across batches (flushOnTXEnd off) gives up what it holds.</summary>
    public override void Flush()
    {
        lock (Lock)
        {
            if (_compressor is null || !_connection.IsOpen) return;
            _sendError = Errno.None;
            _compressor.Flush();
        }
    }

    public override void Dispose()
    {
        _connection.Abort();
        lock (Lock)
        {
            _sendError = Errno.None;
            Close(finishStream: true);
        }
        base.Dispose();
    }

    /// <summary>Compressed output, or plain frames: onto the socket.</summary>
    void IByteSink.Write(ReadOnlySpan<byte> data) => Send(data);

    private void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || _sendError != Errno.None) return;
        if (_compressor is null) Send(data);
        else if (!_compressor.Write(data)) _sendError = Errno.EPROTO;
    }

    private void Send(ReadOnlySpan<byte> data)
    {
        if (_sendError != Errno.None) return;
        _sendError = _connection.SendAll(data, out long sent);
        BytesSent.Add(sent);
    }

    private bool Connect()
    {
        var addresses = TargetResolver.Resolve(Settings.Target, Settings.Port, out string? error);
        if (addresses is null)
        {
            Log.Error($"omfwd: could not get addrinfo for hostname '{Settings.Target}':'{Settings.PortText}': {error}");
            return false;
        }
        var e = _connection.Connect(addresses, Settings, Log);
        if (e != Errno.None)
        {
            Log.Error($"cannot connect to {Settings.Target}:{Settings.PortText}: {NativeException.Describe(e)}");
            return false;
        }
        Connects.Increment();
        if (Settings.Compression != ForwardCompression.StreamAlways) return true;
        try
        {
            _compressor = StreamCompressor.Create(Settings.CompressionDriver, Settings.ZipLevel, this);
            return true;
        }
        catch (NativeException ce)
        {
            Log.Error($"omfwd: cannot start the compressed stream to {Settings.Target}:{Settings.PortText}: {ce.Message}");
            _connection.Close();
            return false;
        }
    }

    private ActionResult Failed()
    {
        if (_sendError == Errno.EPROTO && _compressor is ZstdStreamCompressor z)
            Log.Error($"omfwd: zstd compression failed for {Settings.Target}:{Settings.PortText}: {z.LastError}");
        else
            _errors.RemoteClosed();
        Abandon();
        return ActionResult.Suspended;
    }

    /// <summary>The connection broke: drop it without finishing the stream; the next one resends the last message if configured.</summary>
    private void Abandon()
    {
        Close(finishStream: false);
        if (Settings.ResendLastOnReconnect) _resendPending = true;
    }

    /// <summary>omfwd DestructTCPInstanceData: finish the compressed stream (when the connection is healthy), then close.</summary>
    private void Close(bool finishStream)
    {
        if (_compressor is not null)
        {
            if (finishStream && _connection.IsOpen && _sendError == Errno.None) _compressor.Finish();
            _compressor.Dispose();
            _compressor = null;
        }
        _connection.Close();
    }

    private void Remember(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > _last.Length) _last = new byte[Math.Max(frame.Length, _last.Length * 2)];
        frame.CopyTo(_last);
        _lastLength = frame.Length;
    }
}
