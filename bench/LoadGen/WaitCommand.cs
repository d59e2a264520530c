using System.Diagnostics;

namespace Sluice.LoadGen;

/// <summary>
/// "wait": follows an output file (or, with --dir, every file under a directory: a dynaFile layout) until it holds
/// <c>--count</c> markers of the run (or the timeout passes) and reports the last-modification time, i.e. when the
/// last line was written. Reads each byte once.
/// </summary>
internal static class WaitCommand
{
    public static int Run(Options o)
    {
        string? file = o.Text("file", "");
        string? dir = o.Text("dir", "");
        string runId = o.Text("run-id");
        long want = o.Number("count");
        double timeout = o.Number("timeout", 300);
        o.RejectUnknown();
        if ((file.Length == 0) == (dir.Length == 0)) throw new UsageException("give either --file or --dir");

        byte[] pattern = Marker.RunPrefix(runId);
        var clock = Stopwatch.StartNew();
        var followers = new Dictionary<string, MarkerFollower>(StringComparer.Ordinal);
        long found = 0;
        try
        {
            while (true)
            {
                foreach (string path in dir.Length > 0 ? FilesUnder(dir) : File.Exists(file) ? [file] : [])
                    if (!followers.ContainsKey(path)) followers[path] = new MarkerFollower(path, pattern, dir.Length > 0 ? 64 * 1024 : 1 << 20);
                bool progress = false;
                found = 0;
                foreach (var f in followers.Values)
                {
                    progress |= f.Poll();
                    found += f.Found;
                }
                if (found >= want || clock.Elapsed.TotalSeconds > timeout) break;
                // A directory of many files is rescanned at a calm pace so that waiting costs the machine little.
                if (dir.Length > 0) Thread.Sleep(200);
                else if (!progress) Thread.Sleep(50);
            }
            long mtime = 0;
            foreach (var path in followers.Keys) mtime = Math.Max(mtime, Clock.UnixNanos(File.GetLastWriteTimeUtc(path)));
            bool complete = found >= want;
            Console.WriteLine($"lines_found={found} complete={(complete ? "true" : "false")} last_write_unix_ns={mtime} " +
                              $"files={followers.Count} waited_seconds={clock.Elapsed.TotalSeconds:F2}");
            return complete ? 0 : 4;
        }
        finally
        {
            foreach (var f in followers.Values) f.Dispose();
        }
    }

    public static IEnumerable<string> FilesUnder(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories) : [];
}
