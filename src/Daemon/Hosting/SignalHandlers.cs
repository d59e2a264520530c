using System.Runtime.InteropServices;

namespace Sluice.Daemon.Hosting;

/// <summary>
/// Turns signals into requests the main thread acts on: TERM/INT stop, HUP reopens files, USR1 writes the
/// statistics. Handlers only set a flag and wake the main thread; the work happens outside the handler.
/// </summary>
public sealed class SignalHandlers : IDisposable
{
    private const PosixSignal SigUsr1 = (PosixSignal)10; // raw signal numbers are allowed on Unix

    private readonly List<PosixSignalRegistration> _registrations = new();
    private readonly AutoResetEvent _wake = new(false);
    private int _stop, _reopen, _stats;

    public SignalHandlers()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnReopen));
        _registrations.Add(PosixSignalRegistration.Create(SigUsr1, OnStats));
    }

    public enum Request { None, Stop, Reopen, Stats }

    /// <summary>Blocks until a signal arrives and returns what it asks for (stop has priority).</summary>
    public Request Wait()
    {
        while (true)
        {
            if (Interlocked.Exchange(ref _stop, 0) != 0) return Request.Stop;
            if (Interlocked.Exchange(ref _reopen, 0) != 0) return Request.Reopen;
            if (Interlocked.Exchange(ref _stats, 0) != 0) return Request.Stats;
            _wake.WaitOne();
        }
    }

    private void OnStop(PosixSignalContext c) { c.Cancel = true; Volatile.Write(ref _stop, 1); _wake.Set(); }
    private void OnReopen(PosixSignalContext c) { c.Cancel = true; Volatile.Write(ref _reopen, 1); _wake.Set(); }
    private void OnStats(PosixSignalContext c) { c.Cancel = true; Volatile.Write(ref _stats, 1); _wake.Set(); }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _wake.Dispose();
    }
}
