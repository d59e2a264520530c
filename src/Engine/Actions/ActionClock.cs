using Sluice.Engine.Queues;

namespace Sluice.Engine.Actions;

/// <summary>
/// Time as the action runtime sees it: a monotonic clock for retry deadlines, the wall clock for the
/// "next retry is …" text, and the (interruptible) retry sleep. Tests substitute a fake clock.
/// </summary>
public abstract class ActionClock
{
    public static readonly ActionClock System = new SystemActionClock();

    /// <summary>Monotonic milliseconds (only differences matter).</summary>
    public abstract long NowMilliseconds { get; }

    public abstract DateTimeOffset WallNow { get; }

    /// <summary>Sleeps between retries; false when <paramref name="shutdown"/> ended the sleep.</summary>
    public abstract bool Sleep(int milliseconds, ShutdownSignal shutdown);

    private sealed class SystemActionClock : ActionClock
    {
        public override long NowMilliseconds => Environment.TickCount64;
        public override DateTimeOffset WallNow => DateTimeOffset.Now;
        public override bool Sleep(int milliseconds, ShutdownSignal shutdown) => shutdown.Sleep(milliseconds);
    }
}
