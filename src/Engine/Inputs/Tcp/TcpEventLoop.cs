using Sluice.Engine.Diagnostics;
using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// The one thread of an input that calls epoll_wait (rsyslog RunEpoll): up to 128 events per wait, each
/// ready descriptor handed to the work queue — or, with workerThreads=1, processed right here so that
/// there is no queue and no context switch. The wake-up eventfd ends the loop for Stop().
/// </summary>
internal sealed class TcpEventLoop
{
    public const int MaxEventsPerWait = 128; // NSPOLL_MAX_EVENTS_PER_WAIT

    private readonly TcpRuntime _rt;
    private readonly int _wakeFd;
    private readonly TcpWorker? _inline;

    /// <param name="inlineWorker">Set for workerThreads=1: process events on this thread.</param>
    public TcpEventLoop(TcpRuntime rt, int wakeFd, TcpWorker? inlineWorker)
    {
        _rt = rt;
        _wakeFd = wakeFd;
        _inline = inlineWorker;
    }

    public void Run()
    {
        var events = new EpollEventBuffer(MaxEventsPerWait);
        while (!_rt.Stopping)
        {
            int n = Epoll.Wait(_rt.EpollFd, events, -1, out var err);
            if (n < 0)
            {
                if (err == Errno.EINTR) continue;
                _rt.Log.Error($"imtcp: epoll_wait failed: {NativeException.Describe(err)}");
                Thread.Sleep(10); // do not spin on a persistent error
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                ulong token = events.Data(i);
                if (token == 0)
                {
                    EventFd.Drain(_wakeFd, out _);
                    continue;
                }
                var item = IoItem.FromToken(token);
                if (item == null) continue;
                if (item is TcpSession s && (events.Events(i) & Epoll.Err) != 0) s.MarkInError();
                if (_inline != null) ProcessInline(item);
                else _rt.Queue.Enqueue(item);
            }
        }
    }

    private void ProcessInline(IoItem item)
    {
        try
        {
            _inline!.Process(item);
        }
        catch (Exception ex)
        {
            // Process handles session failures itself; this guards the loop against anything else.
            _rt.Log.Error($"imtcp: error while processing an event: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
