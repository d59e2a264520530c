namespace Sluice.LoadGen;

/// <summary>
/// "verify": reads the output file (with --dir: every file under the directory) and proves that every message of the run arrived exactly once; with
/// --ordered, also in send order per connection (within each file when there are several). Lines without this run's marker are counted, not judged.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(Options o)
    {
        string file = o.Text("file", "");
        string dir = o.Text("dir", "");
        string runId = o.Text("run-id");
        int connections = (int)o.Number("connections");
        long total = o.Number("messages");
        bool ordered = o.Flag("ordered", false);
        o.RejectUnknown();
        if ((file.Length == 0) == (dir.Length == 0)) throw new UsageException("give either --file or --dir");
        string[] paths = dir.Length > 0 ? WaitCommand.FilesUnder(dir).Order(StringComparer.Ordinal).ToArray() : [file];

        byte[] runPrefix = Marker.RunPrefix(runId);
        var seen = new bool[connections][];
        var last = new long[connections];
        for (int c = 0; c < connections; c++)
        {
            seen[c] = new bool[total / connections + (c < total % connections ? 1 : 0)];
            last[c] = -1;
        }
        long lines = 0, matched = 0, foreign = 0, duplicates = 0, outOfRange = 0, outOfOrder = 0;
        byte[] buf = new byte[1 << 20];
        foreach (string path in paths)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            Array.Fill(last, -1); // order is judged within one file
            int have = 0;
            while (true)
            {
                int n = f.Read(buf, have, buf.Length - have);
                if (n == 0 && have == 0) break;
                have += n;
                var span = buf.AsSpan(0, have);
                int pos = 0;
                while (pos < have)
                {
                    int nl = span[pos..].IndexOf((byte)'\n');
                    ReadOnlySpan<byte> line;
                    if (nl >= 0) { line = span.Slice(pos, nl); pos += nl + 1; }
                    else if (n == 0 || pos == 0 && have == buf.Length) { line = span[pos..]; pos = have; } // last or overlong line
                    else break;
                    lines++;
                    if (!Marker.TryParse(line, runPrefix, out int conn, out long seq)) { foreign++; continue; }
                    if (conn >= connections || seq >= seen[conn].Length) { outOfRange++; continue; }
                    if (seen[conn][seq]) { duplicates++; continue; }
                    seen[conn][seq] = true;
                    matched++;
                    if (seq < last[conn]) outOfOrder++;
                    last[conn] = seq;
                }
                span[pos..].CopyTo(buf);
                have -= pos;
                if (n == 0 && have == 0) break;
            }
        }
        long missing = 0;
        string firstMissing = "";
        for (int c = 0; c < connections; c++)
            for (int s = 0; s < seen[c].Length; s++)
                if (!seen[c][s]) { if (missing++ == 0) firstMissing = $" first_missing={c}.{s}"; }

        bool ok = matched == total && missing == 0 && duplicates == 0 && outOfRange == 0 && (!ordered || outOfOrder == 0);
        Console.WriteLine($"verify lines={lines} matched={matched} expected={total} missing={missing} duplicates={duplicates} out_of_range={outOfRange} out_of_order={outOfOrder} foreign_lines={foreign}{firstMissing} result={(ok ? "OK" : "FAIL")}");
        return ok ? 0 : 5;
    }
}
