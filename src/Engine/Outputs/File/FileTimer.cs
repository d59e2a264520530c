namespace Sluice.Engine.Outputs.File;

/// <summary>The once-a-second housekeeping of one file: flushInterval (sync mode) and closeTimeout.</summary>
internal static class FileTimer
{
    /// <summary>
    /// Writes data that has waited flushInterval seconds (when <paramref name="flushBuffered"/>: without an async
    /// writer) and closes the file after closeTimeout idle minutes. Caller holds the output's lock.
    /// </summary>
    /// <returns>Whether the file was closed because it was idle.</returns>
    public static bool Tick(FileSink sink, FileOutputSettings settings, bool flushBuffered, long nowMilliseconds)
    {
        if (flushBuffered && sink.FrontLength > 0)
        {
            if (sink.BufferedSeenAt < 0) sink.BufferedSeenAt = nowMilliseconds;
            if (nowMilliseconds - sink.BufferedSeenAt >= settings.FlushIntervalSeconds * 1000L)
            {
                bool wrote = false;
                var failure = sink.WriteOut(ref wrote);
                if (!failure.Failed && wrote && settings.Sync) sink.Fsync();
            }
        }

        if (sink.WroteSinceTick || sink.LastActivityAt < 0)
        {
            sink.LastActivityAt = nowMilliseconds;
            sink.WroteSinceTick = false;
        }
        if (settings.CloseTimeoutMinutes <= 0 || sink.HasBufferedData || !sink.IsOpen) return false;
        if (nowMilliseconds - sink.LastActivityAt < settings.CloseTimeoutMinutes * 60_000L) return false;
        sink.Close();
        return true;
    }
}
