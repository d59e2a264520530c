namespace Sluice.LoadGen;

/// <summary>Follows one growing output file and counts the run's markers in it, reading each byte once.</summary>
internal sealed class MarkerFollower : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _pattern;
    private readonly byte[] _buffer;
    private int _carry; // bytes kept from the previous read so a marker split across reads is still seen

    public MarkerFollower(string path, byte[] pattern, int bufferSize = 1 << 20)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        _pattern = pattern;
        _buffer = new byte[Math.Max(bufferSize, pattern.Length * 2)];
        Path = path;
    }

    public string Path { get; }
    public long Found { get; private set; }

    /// <summary>Reads what was appended since the last call; returns whether anything was.</summary>
    public bool Poll()
    {
        bool any = false;
        while (true)
        {
            int n = _file.Read(_buffer, _carry, _buffer.Length - _carry);
            if (n <= 0) return any;
            any = true;
            var span = _buffer.AsSpan(0, _carry + n);
            int pos = 0;
            while (true)
            {
                int i = span[pos..].IndexOf(_pattern);
                if (i < 0) break;
                Found++;
                pos += i + _pattern.Length;
            }
            int keep = Math.Min(_pattern.Length - 1, span.Length - pos);
            span[^keep..].CopyTo(_buffer);
            _carry = keep;
        }
    }

    public void Dispose() => _file.Dispose();
}
