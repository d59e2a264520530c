using Sluice.Native;

namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// Walks the utmp file record by record with one reused buffer (no allocation per walk), like
/// setutent/getutent/endutent. A torn record at the end (a writer mid-update) is ignored. Not thread-safe:
/// each transaction has its own reader.
/// </summary>
public sealed class UtmpReader
{
    private const int RecordsPerRead = 64;
    private readonly byte[] _pathZ;
    private readonly byte[] _buffer = new byte[UtmpEntry.Size * RecordsPerRead];
    private int _fd = -1;
    private int _filled;
    private int _position;

    public UtmpReader(string path) => _pathZ = System.Text.Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>Opens the file; false (with the errno) when it cannot be read, and then there is no one to write to.</summary>
    public bool Open(out Errno error)
    {
        Close();
        _filled = _position = 0;
        error = Terminals.OpenReadOnly(_pathZ, out _fd);
        return error == Errno.None;
    }

    /// <summary>The next record, or false at the end (or on a read error).</summary>
    public bool Next(out UtmpEntry entry)
    {
        if (_filled - _position < UtmpEntry.Size && !Fill())
        {
            entry = default;
            return false;
        }
        entry = new UtmpEntry(_buffer.AsSpan(_position, UtmpEntry.Size));
        _position += UtmpEntry.Size;
        return true;
    }

    public void Close()
    {
        if (_fd < 0) return;
        Files.Close(_fd);
        _fd = -1;
    }

    /// <summary>Moves the unread tail to the front and reads until a whole record is there.</summary>
    private bool Fill()
    {
        if (_fd < 0) return false;
        int rest = _filled - _position;
        if (rest > 0) Buffer.BlockCopy(_buffer, _position, _buffer, 0, rest);
        _filled = rest;
        _position = 0;
        while (_filled < UtmpEntry.Size)
        {
            if (Terminals.Read(_fd, _buffer.AsSpan(_filled), out int n) != Errno.None || n == 0) return false;
            _filled += n;
        }
        return true;
    }
}
