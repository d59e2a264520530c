using System.Diagnostics;
using System.Text;

namespace Sluice.Tests.Integration;

/// <summary>
/// Follows a daemon's output file as it grows (reading each byte once) and collects this run's markers in file
/// order; optionally keeps every line. Keeps its descriptor, so after a rename it goes on reading the renamed file.
/// </summary>
public sealed class OutputFollower : IDisposable
{
    private readonly string _path;
    private readonly byte[] _runPrefix;
    private readonly bool _keepLines;
    private FileStream? _file;
    private byte[] _buf = new byte[1 << 20];
    private int _have;

    public List<(int Conn, long Seq)> Markers { get; } = new();
    public List<string> Lines { get; } = new();
    public long LineCount { get; private set; }

    public OutputFollower(string path, string runId, bool keepLines = false)
    {
        _path = path; _runPrefix = TestMessages.RunPrefix(runId); _keepLines = keepLines;
    }

    /// <summary>Reads whatever was appended since the last call. Returns false while the file does not exist.</summary>
    public bool Poll()
    {
        if (_file == null)
        {
            if (!File.Exists(_path)) return false;
            _file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        while (true)
        {
            if (_have == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2); // a line longer than the buffer
            int n = _file.Read(_buf, _have, _buf.Length - _have);
            if (n == 0) return true;
            _have += n;
            int pos = 0;
            while (true)
            {
                int nl = Array.IndexOf(_buf, (byte)'\n', pos, _have - pos);
                if (nl < 0) break;
                Line(new ReadOnlySpan<byte>(_buf, pos, nl - pos));
                pos = nl + 1;
            }
            Buffer.BlockCopy(_buf, pos, _buf, 0, _have - pos);
            _have -= pos;
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        LineCount++;
        if (_keepLines) Lines.Add(Encoding.UTF8.GetString(line));
        if (TestMessages.TryParse(line, _runPrefix, out int conn, out long seq)) Markers.Add((conn, seq));
    }

    /// <summary>Polls until <paramref name="done"/> holds or the timeout passes; returns whether it holds.</summary>
    public bool WaitUntil(Func<OutputFollower, bool> done, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            Poll();
            if (done(this)) return true;
            if (sw.Elapsed > timeout) return false;
            Thread.Sleep(100);
        }
    }

    public bool WaitForMarkers(long count, TimeSpan timeout) => WaitUntil(f => f.Markers.Count >= count, timeout);

    public void Dispose() => _file?.Dispose();
}
