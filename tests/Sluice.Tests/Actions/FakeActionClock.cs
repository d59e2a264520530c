using Sluice.Engine.Actions;
using Sluice.Engine.Queues;

namespace Sluice.Tests.Actions;

/// <summary>A clock that only moves when told to, or by the retry sleeps it is asked for (which return at once).</summary>
internal sealed class FakeActionClock : ActionClock
{
    private static readonly DateTimeOffset Epoch = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private long _now = 1_000_000;

    public List<int> Sleeps { get; } = new();

    /// <summary>Called after each sleep with the number of sleeps so far.</summary>
    public Action<int>? OnSleep { get; set; }

    public override long NowMilliseconds => Interlocked.Read(ref _now);
    public override DateTimeOffset WallNow => Epoch.AddMilliseconds(NowMilliseconds);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, (long)by.TotalMilliseconds);

    public override bool Sleep(int milliseconds, ShutdownSignal shutdown)
    {
        int count;
        lock (Sleeps)
        {
            Sleeps.Add(milliseconds);
            count = Sleeps.Count;
        }
        Interlocked.Add(ref _now, milliseconds);
        OnSleep?.Invoke(count);
        return !shutdown.IsSet;
    }
}
