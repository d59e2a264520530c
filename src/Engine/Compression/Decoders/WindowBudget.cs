namespace Sluice.Engine.Compression.Decoders;

/// <summary>
/// A shared allowance of decoder window memory (rsyslog's compression.maxTotalZstdWindowBytes, per listener):
/// every stream reserves its frame's window size before it is decoded and gives it back when it ends. Lock-free.
/// </summary>
public sealed class WindowBudget
{
    private long _reserved;

    /// <param name="limit">Bytes all streams together may reserve; 0 = no limit.</param>
    public WindowBudget(long limit) => Limit = limit;

    public long Limit { get; }
    public long Reserved => Volatile.Read(ref _reserved);

    public bool TryReserve(long bytes)
    {
        if (bytes < 0) return false;
        while (true)
        {
            long current = Volatile.Read(ref _reserved);
            long next = current + bytes;
            if (Limit > 0 && (next > Limit || next < current)) return false;
            if (Interlocked.CompareExchange(ref _reserved, next, current) == current) return true;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _reserved, -bytes);
}
