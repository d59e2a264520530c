namespace Sluice.Engine.Framing;

/// <summary>
/// rsyslog's TCP receive framing (tcps_sess.c processDataRcvd / PrepareClose), one instance per session.
/// Framing is decided per frame: a frame starting with a digit is octet-counted ("LEN SP MSG"), anything
/// else is LF-delimited. Behaviour matches rsyslog byte for byte, including its quirks: digits stay in the
/// message when a count falls back to LF framing, the byte that overflows maxMessageSize is lost at a split
/// point, empty frames are dropped, and at close a partial LF frame is submitted while a partial
/// octet-counted frame is discarded. The loops work on runs of bytes, not single bytes, and a frame that
/// lies whole inside one read is handed on without being copied.
/// </summary>
public sealed class TcpFramer
{
    private enum State : byte { AtStartOfFrame, InOctetCount, InMessage, Truncating }

    private readonly FramerOptions _o;
    private readonly byte[] _buf;        // the frame being assembled across reads
    private int _len;
    private State _state = State.AtStartOfFrame;
    private bool _octetCounted;          // framing of the current frame
    private int _remaining;              // octets left in an octet-counted frame (also the count being parsed)

    public TcpFramer(FramerOptions options)
    {
        _o = options;
        _buf = new byte[options.MaxMessageSize];
    }

    public FramerOptions Options => _o;

    /// <summary>True when no partial frame is held.</summary>
    public bool IsAtFrameStart => _state == State.AtStartOfFrame;

    public void Reset()
    {
        _len = 0;
        _state = State.AtStartOfFrame;
        _octetCounted = false;
        _remaining = 0;
    }

    public void Feed(ReadOnlySpan<byte> data, IFrameSink sink)
    {
        int i = 0;
        while (i < data.Length)
        {
            switch (_state)
            {
                case State.AtStartOfFrame:
                    if (_o.SupportOctetCountedFraming && (uint)(data[i] - '0') <= 9)
                    {
                        _state = State.InOctetCount;
                        _octetCounted = true;
                        _remaining = 0;
                    }
                    else
                    {
                        _state = State.InMessage;
                        _octetCounted = false;
                    }
                    break; // the same byte is processed in the new state

                case State.InOctetCount:
                    i = ReadCount(data, i, sink);
                    break;

                case State.InMessage:
                    i = _octetCounted ? ReadCounted(data, i, sink) : ReadDelimited(data, i, sink);
                    break;

                case State.Truncating:
                    i = SkipTruncated(data, i);
                    break;
            }
        }
    }

    /// <summary>The connection closed: submit a partial LF frame, discard a partial octet-counted one.</summary>
    public void Finish(IFrameSink sink)
    {
        if (_state != State.AtStartOfFrame)
        {
            if (_octetCounted)
                sink.OnFramingError(FramingError.IncompleteFrameAtClose, _len);
            else
                Submit(sink, truncated: false);
        }
        Reset();
    }

    private int ReadCount(ReadOnlySpan<byte> data, int i, IFrameSink sink)
    {
        while (i < data.Length)
        {
            byte c = data[i++];
            if ((uint)(c - '0') <= 9)
            {
                if (_remaining <= 200000000) _remaining = _remaining * 10 + (c - '0');
                if (_len < _buf.Length) _buf[_len++] = c; // digits are kept: they become message text on fallback
                continue;
            }

            // The terminator is consumed and stored nowhere.
            if (c != (byte)' ') sink.OnFramingError(FramingError.DelimiterNotSpace, c);
            if (_remaining < 1)
            {
                sink.OnFramingError(FramingError.InvalidOctetCount, _remaining);
                _octetCounted = false;
            }
            else if (_remaining > _o.MaxMessageSize)
            {
                sink.OnFramingError(FramingError.OversizeOctetCount, _remaining);
            }

            if (_remaining > _o.MaxFrameSize)
            {
                sink.OnFramingError(FramingError.FrameTooLarge, _remaining);
                _octetCounted = false;
            }
            else
            {
                _len = 0;
            }
            _state = State.InMessage;
            return i;
        }
        return i;
    }

    private int ReadDelimited(ReadOnlySpan<byte> data, int i, IFrameSink sink)
    {
        var rest = data.Slice(i);
        int d = IndexOfDelimiter(rest);
        int run = d < 0 ? rest.Length : d;

        // Fast path: a whole frame inside this read, nothing held, not oversize: no copy.
        if (d >= 0 && _len == 0 && run <= _buf.Length)
        {
            if (run > 0) sink.OnFrame(rest.Slice(0, run), truncated: false);
            _state = State.AtStartOfFrame;
            return i + run + 1;
        }

        int consumed = AppendLimited(rest.Slice(0, run), sink, out bool startedTruncating);
        if (startedTruncating) return i + consumed;
        if (d >= 0)
        {
            Submit(sink, truncated: false);
            _state = State.AtStartOfFrame;
            return i + run + 1;
        }
        return i + run;
    }

    private int ReadCounted(ReadOnlySpan<byte> data, int i, IFrameSink sink)
    {
        int run = Math.Min(_remaining, data.Length - i);
        var chunk = data.Slice(i, run);

        if (_len == 0 && run == _remaining && run <= _buf.Length)
        {
            _remaining = 0;
            sink.OnFrame(chunk, truncated: false);
            _state = State.AtStartOfFrame;
            return i + run;
        }

        int consumed = AppendLimited(chunk, sink, out bool startedTruncating);
        _remaining -= consumed;
        if (startedTruncating)
        {
            if (_remaining == 0) _state = State.AtStartOfFrame;
            return i + consumed;
        }
        if (_remaining < 1)
        {
            Submit(sink, truncated: false);
            _state = State.AtStartOfFrame;
        }
        return i + consumed;
    }

    /// <summary>
    /// Appends a run of message bytes under the maxMessageSize rule. The byte that finds the buffer full
    /// submits what is held as truncated and is itself dropped; then either truncation starts (discard mode,
    /// returns early) or the rest of the run becomes a new message (split mode).
    /// </summary>
    private int AppendLimited(ReadOnlySpan<byte> run, IFrameSink sink, out bool startedTruncating)
    {
        startedTruncating = false;
        int pos = 0;
        while (pos < run.Length)
        {
            int space = _buf.Length - _len;
            int n = Math.Min(space, run.Length - pos);
            run.Slice(pos, n).CopyTo(_buf.AsSpan(_len));
            _len += n;
            pos += n;
            if (pos == run.Length) break;

            // One more byte and the buffer is full: submit, drop that byte.
            sink.OnFramingError(FramingError.MessageTruncated, _buf.Length);
            Submit(sink, truncated: true);
            pos++;
            if (_o.DiscardTruncatedMsg)
            {
                _state = State.Truncating;
                startedTruncating = true;
                return pos;
            }
        }
        return pos;
    }

    private int SkipTruncated(ReadOnlySpan<byte> data, int i)
    {
        if (_octetCounted)
        {
            int n = Math.Min(_remaining, data.Length - i);
            _remaining -= n;
            if (_remaining < 1) _state = State.AtStartOfFrame;
            return i + n;
        }
        int d = IndexOfDelimiter(data.Slice(i));
        if (d < 0) return data.Length;
        _state = State.AtStartOfFrame;
        return i + d + 1;
    }

    private int IndexOfDelimiter(ReadOnlySpan<byte> s)
    {
        if (_o.AddtlFrameDelimiter < 0)
            return _o.DisableLFDelimiter ? -1 : s.IndexOf((byte)'\n');
        byte extra = (byte)_o.AddtlFrameDelimiter;
        return _o.DisableLFDelimiter ? s.IndexOf(extra) : s.IndexOfAny((byte)'\n', extra);
    }

    private void Submit(IFrameSink sink, bool truncated)
    {
        // rsyslog: "discarding zero-sized message"
        if (_len > 0) sink.OnFrame(_buf.AsSpan(0, _len), truncated);
        _len = 0;
    }
}
