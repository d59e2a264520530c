using System.Text;
using Sluice.Engine.Framing;

namespace Sluice.Tests.Framing;

/// <summary>What a framer reported: frames (with their truncated flag) and framing errors, in order.</summary>
internal sealed class RecordingSink : IFrameSink
{
    public List<string> Events { get; } = [];
    public List<byte[]> Frames { get; } = [];

    public void OnFrame(ReadOnlySpan<byte> frame, bool truncated)
    {
        Frames.Add(frame.ToArray());
        Events.Add((truncated ? "T:" : "F:") + Show(frame));
    }

    public void OnFramingError(FramingError error, int value) => Events.Add($"E:{error}:{value}");

    public static string Show(ReadOnlySpan<byte> b)
    {
        var s = new StringBuilder();
        for (int i = 0; i < b.Length;)
        {
            int run = 1;
            while (i + run < b.Length && b[i + run] == b[i]) run++;
            byte x = b[i];
            string one = x is >= 0x20 and < 0x7F and not (byte)'{' ? ((char)x).ToString() : $"\\x{x:X2}";
            // Long runs of one byte are shown compressed so that failures stay readable.
            if (run >= 16) s.Append(one).Append($"{{x{run}}}");
            else for (int k = 0; k < run; k++) s.Append(one);
            i += run;
        }
        return s.ToString();
    }
}

/// <summary>Feeds a stream to a fresh TcpFramer in the given pieces and closes it.</summary>
internal static class FramerRun
{
    public static List<string> Whole(FramerOptions o, byte[] stream, bool finish = true) => Chunks(o, [stream], finish);

    public static List<string> Chunks(FramerOptions o, IEnumerable<byte[]> chunks, bool finish = true)
    {
        var framer = new TcpFramer(o);
        var sink = new RecordingSink();
        foreach (var c in chunks) framer.Feed(c, sink);
        if (finish) framer.Finish(sink);
        return sink.Events;
    }

    public static IEnumerable<(string How, List<string> Events)> EverySplit(FramerOptions o, byte[] stream, bool finish = true)
    {
        for (int cut = 0; cut <= stream.Length; cut++)
            yield return ($"split at {cut}", Chunks(o, [stream[..cut], stream[cut..]], finish));
        yield return ("byte by byte", Chunks(o, stream.Select(b => new[] { b }), finish));
    }
}
