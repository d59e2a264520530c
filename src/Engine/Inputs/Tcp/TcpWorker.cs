using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Stats;
using Sluice.Native;
using static Sluice.Native.SocketConstants;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// Does the I/O for ready descriptors (rsyslog tcpsrv's processWorksetItem): accepts on listeners and reads
/// sessions, into its own reusable 128 KiB buffer and 1024-message batch. One per pool thread; with
/// workerThreads=1 the event thread owns the only one and processes inline. Per-worker stats (runs, read,
/// emptyread, starvation_protect, accept) exist only with a pool, as in rsyslog.
/// </summary>
internal sealed class TcpWorker
{
    public const int ReceiveBufferSize = 128 * 1024;
    public const int BatchCapacity = 1024;
    /// <summary>Reads per session when Stop() collects what is still in the socket buffers.</summary>
    private const int StopDrainReads = 16;
    /// <summary>rsyslog sleeps 20 ms after a failed accept so that errors cannot spin the thread.</summary>
    private const int AcceptErrorPauseMs = 20;

    private readonly TcpRuntime _rt;
    private readonly byte[] _buffer = new byte[ReceiveBufferSize];
    private readonly Counter? _runs, _read, _emptyRead, _starvation, _accept;

    public TcpWorker(TcpRuntime rt, StatsObject? stats)
    {
        _rt = rt;
        Stats = stats;
        if (stats != null)
        {
            // rsyslog's registration order (tcpsrv.c wrkr()).
            _runs = stats.Add("runs");
            _read = stats.Add("read");
            _emptyRead = stats.Add("emptyread");
            _starvation = stats.Add("starvation_protect");
            _accept = stats.Add("accept");
        }
    }

    public StatsObject? Stats { get; }
    public MessageBatch Batch { get; } = new(BatchCapacity);
    /// <summary>timegenerated for everything framed from the current read.</summary>
    public SyslogTime Now;
    /// <summary><see cref="Now"/> as Unix seconds, the clock the listener's rate limiter counts in.</summary>
    public long NowSeconds;

    /// <summary>Reads the clock once for everything framed from one read (or from a close).</summary>
    public void StampTime()
    {
        var t = DateTimeOffset.Now;
        Now = SyslogTime.FromDateTimeOffset(t);
        NowSeconds = t.ToUnixTimeSeconds();
    }

    /// <summary>Pool thread body: take work until the queue closes.</summary>
    public void RunPool()
    {
        IoItem? item;
        while ((item = _rt.Queue.Dequeue()) != null)
        {
            try
            {
                Process(item);
            }
            catch (Exception ex)
            {
                // Sessions handle their own failures; this keeps anything else from ending the worker.
                _rt.Log.Error($"imtcp: worker error: {ex.GetType().Name}: {ex.Message}");
            }
            _runs?.Increment();
        }
    }

    public void Process(IoItem item)
    {
        if (item is TcpListenSocket listener) AcceptAll(listener);
        else Receive((TcpSession)item);
    }

    /// <summary>Hands the batch to the submitter and counts it on the listener.</summary>
    public void Flush()
    {
        if (Batch.Count == 0) return;
        _rt.Submitted.Add(Batch.Count);
        _rt.Submitter.Submit(Batch, _rt.Flow);
        if (Batch.Count != 0) Batch.Clear();
    }

    // ---------------------------------------------------------------- accept

    /// <summary>rsyslog doAccept: accept until one attempt fails (EAGAIN ends it), then always re-arm.</summary>
    private void AcceptAll(TcpListenSocket listener)
    {
        int attempts = 0;
        while (!_rt.Stopping)
        {
            attempts++; // the final, failing attempt counts too: accept = accepted + 1
            int fd = Sockets.Accept(listener.Fd, out var peer, out var err);
            if (fd < 0)
            {
                if (err != Errno.EAGAIN)
                {
                    _rt.Log.Warning(TcpLogText.AcceptError(listener.Fd, err));
                    _rt.Log.Error(TcpLogText.ListenerFailed(_rt.Info.InputName, "", TcpLogText.RsRetAcceptErr));
                    Thread.Sleep(AcceptErrorPauseMs);
                }
                break;
            }
            if (!SessionAdmission.Admit(_rt, this, fd, peer, listener))
            {
                Thread.Sleep(AcceptErrorPauseMs);
                break;
            }
        }
        _accept?.Add(attempts);
        if (!_rt.Stopping) _rt.Rearm(listener);
    }

    // ---------------------------------------------------------------- receive

    private enum Outcome { Rearm, Close, Starved, Parked, Broken }

    /// <summary>
    /// rsyslog doReceive: read until EAGAIN (re-arm), close/error (tear down), or — with a pool and a cap —
    /// StarvationProtection.MaxReads successful reads in a row (back to the tail of the work queue, not re-armed).
    /// </summary>
    private void Receive(TcpSession session)
    {
        int reads = 0;
        Outcome outcome;
        try
        {
            if (session.TakeInError())
                _rt.Log.Error(TcpLogText.EpollErr(session.Id, session.Ip, session.Port));
            outcome = ReadLoop(session, ref reads);
        }
        catch (Exception ex)
        {
            // A broken session is logged and torn down; the worker carries on.
            _rt.Log.Error(TcpLogText.SessionBroken(session.Ip, session.Port, ex));
            Batch.Clear(); // ownership of these messages is unknown after a failure; the GC reclaims them
            outcome = Outcome.Broken;
        }
        _read?.Add(reads);

        switch (outcome)
        {
            case Outcome.Rearm:
                if (_rt.Rearm(session) != Errno.None) CloseQuietly(session, finishFrame: true);
                break;
            case Outcome.Starved:
                _starvation!.Increment();
                _rt.Queue.Enqueue(session);
                break;
            case Outcome.Close:
                CloseQuietly(session, finishFrame: true);
                break;
            case Outcome.Broken:
                CloseQuietly(session, finishFrame: false);
                break;
            case Outcome.Parked:
                break; // Stop() is under way and closes it
        }
    }

    private Outcome ReadLoop(TcpSession session, ref int reads)
    {
        var cfg = _rt.Config;
        bool capped = _rt.MultiWorker && cfg.StarvationMaxReads > 0;
        while (true)
        {
            if (_rt.Stopping) return Outcome.Parked;
            if (capped && reads >= cfg.StarvationMaxReads) return Outcome.Starved;

            nint n = Sockets.Receive(session.Fd, _buffer, MSG_DONTWAIT, out var err);
            if (n > 0)
            {
                if (_rt.MultiWorker) reads++; // since 8.2508 only successful reads count
                if (!Consume(session, (int)n)) return Outcome.Close;
                continue;
            }
            if (n == 0)
            {
                if (cfg.NotifyOnConnectionClose)
                    _rt.Log.Error(TcpLogText.ClosedByRemotePeer(session.Id, session.Ip, session.Port));
                return Outcome.Close;
            }
            if (err == Errno.EAGAIN)
            {
                if (_rt.MultiWorker && reads == 0) _emptyRead!.Increment();
                return Outcome.Rearm;
            }
            _rt.Log.Error(TcpLogText.ClosedDueToError(session.Id, session.Ip, session.Port, err));
            return Outcome.Close;
        }
    }

    /// <summary>One read: frame it into the batch and submit the batch (rsyslog flushes after every DataRcvd).</summary>
    private bool Consume(TcpSession session, int length)
    {
        StampTime();
        bool keep = session.OnData(new ReadOnlySpan<byte>(_buffer, 0, length), this);
        Flush();
        return keep;
    }

    private void CloseQuietly(TcpSession session, bool finishFrame)
    {
        try
        {
            session.Close(this, finishFrame);
        }
        catch (Exception ex)
        {
            _rt.Log.Error(TcpLogText.SessionBroken(session.Ip, session.Port, ex));
            Batch.Clear();
        }
    }

    // ---------------------------------------------------------------- stop

    /// <summary>
    /// Used by Stop() once every thread has ended: takes what is still in the socket buffer (bounded), then
    /// closes the session the way a peer close is handled, so a trailing LF frame is submitted.
    /// </summary>
    public void DrainAndClose(TcpSession session)
    {
        bool finish = true;
        try
        {
            for (int i = 0; i < StopDrainReads; i++)
            {
                nint n = Sockets.Receive(session.Fd, _buffer, MSG_DONTWAIT, out _);
                if (n <= 0) break;
                if (!Consume(session, (int)n)) break;
            }
        }
        catch (Exception ex)
        {
            _rt.Log.Error(TcpLogText.SessionBroken(session.Ip, session.Port, ex));
            Batch.Clear();
            finish = false;
        }
        CloseQuietly(session, finish);
    }
}
