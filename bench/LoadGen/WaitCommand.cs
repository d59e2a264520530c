using System.Diagnostics;

namespace Sluice.LoadGen;

/// <summary>
/// "wait": follows an output file until it holds <c>--count</c> markers of the run (or the timeout passes) and
/// reports the file's last-modification time, i.e. when the last line was written. Reads each byte once.
/// </summary>
internal static class WaitCommand
{
    public static int Run(Options o)
    {
        string path = o.Text("file");
        string runId = o.Text("run-id");
        long want = o.Number("count");
        double timeout = o.Number("timeout", 300);
        o.RejectUnknown();

        byte[] pattern = Marker.RunPrefix(runId);
        var clock = Stopwatch.StartNew();
        long found = 0;
        while (!File.Exists(path))
        {
            if (clock.Elapsed.TotalSeconds > timeout) { Console.WriteLine("lines_found=0 complete=false"); return 4; }
            Thread.Sleep(100);
        }
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        byte[] buf = new byte[1 << 20];
        int carry = 0; // bytes kept from the previous read so a marker split across reads is still seen
        while (true)
        {
            int n = f.Read(buf, carry, buf.Length - carry);
            if (n > 0)
            {
                var span = buf.AsSpan(0, carry + n);
                int pos = 0;
                while (true)
                {
                    int i = span[pos..].IndexOf(pattern);
                    if (i < 0) break;
                    found++;
                    pos += i + pattern.Length;
                }
                int keep = Math.Min(pattern.Length - 1, span.Length - pos);
                span[^keep..].CopyTo(buf);
                carry = keep;
                if (found >= want) break;
                continue;
            }
            if (found >= want || clock.Elapsed.TotalSeconds > timeout) break;
            Thread.Sleep(50);
        }
        long mtime = Clock.UnixNanos(File.GetLastWriteTimeUtc(path));
        bool complete = found >= want;
        Console.WriteLine($"lines_found={found} complete={(complete ? "true" : "false")} last_write_unix_ns={mtime} waited_seconds={clock.Elapsed.TotalSeconds:F2}");
        return complete ? 0 : 4;
    }
}
