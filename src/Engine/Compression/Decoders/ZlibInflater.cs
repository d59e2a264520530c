using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.Engine.Compression.Decoders;

/// <summary>
/// Decodes one zlib stream (RFC 1950 header, RFC 1951 deflate data, Adler-32 trailer) fed in pieces of any
/// size, the way zlib's inflate() does for rsyslog's imtcp/imptcp stream decompression. Written here rather than
/// wrapped around System.IO.Compression because a stream receiver must know exactly where the stream ends (so
/// that one byte after it is an error), that it ended at all (a stream cut off at close is an error), and must
/// bound the output of every step (the expansion guards); .NET 9's DeflateStream reports none of that — it reads
/// ahead, says "0 bytes" both for "need input" and for "finished", and exposes no consumed count.
/// <para>
/// The decoder can stop between any two bits and resume with the next piece: every symbol (a literal, or a
/// length with its distance) is decoded only once all its bits are there, and the bits already read wait in a
/// 64-bit buffer. Output is written into a buffer holding the 32 KiB window followed by room for one chunk of up
/// to 64 KiB; the chunk is returned as a span, so nothing is copied on the way to the framer. Error texts are
/// zlib's. Allocation: the window buffer (pooled) on first use and nothing after.
/// </para>
/// </summary>
public sealed class ZlibInflater : IStreamDecoder
{
    public const int WindowSize = 32 * 1024;
    public const int DefaultChunkSize = 64 * 1024;

    private enum State : byte
    {
        Header, BlockHeader, StoredLength, StoredCopy, TableCounts, CodeLengthCodes, CodeLengths, Codes, MatchCopy,
        Trailer, Done, Failed,
    }

    private static readonly ushort[] LengthBase = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
    private static readonly byte[] LengthExtra = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
    private static readonly ushort[] DistanceBase = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
    private static readonly byte[] DistanceExtra = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
    private static readonly byte[] CodeLengthOrder = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

    private static readonly HuffmanTable FixedLiterals = BuildFixed(literals: true);
    private static readonly HuffmanTable FixedDistances = BuildFixed(literals: false);

    private readonly HuffmanTable _literals = new(288, 10);
    private readonly HuffmanTable _distances = new(32, 9);
    private readonly HuffmanTable _codeLengths = new(19, 7);
    private readonly byte[] _lengths = new byte[288 + 32];
    private readonly byte[] _codeLengthLengths = new byte[19];
    private readonly int _chunkSize;
    private HuffmanTable _lit = FixedLiterals;
    private HuffmanTable _dist = FixedDistances;

    private byte[]? _buf;      // [window | room for one chunk]
    private int _pos;          // next output byte in _buf
    private int _checked;      // _buf is covered by _adler up to here
    private ulong _bits;       // bits read but not used, LSB first
    private int _bitCount;
    private State _state;
    private bool _lastBlock;
    private int _storedLeft;
    private int _literalCount, _distanceCount, _codeLengthCount, _index;
    private int _matchLength, _matchDistance;
    private uint _trailer;
    private int _trailerBytes;
    private Adler32 _adler;

    public ZlibInflater(int chunkSize = DefaultChunkSize)
    {
        if (chunkSize < 1024) throw new ArgumentOutOfRangeException(nameof(chunkSize));
        _chunkSize = chunkSize;
    }

    public int ChunkSize => _chunkSize;
    public bool Finished => _state == State.Done;
    public bool HasTrailingData { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Decompressed bytes produced so far.</summary>
    public long TotalOut { get; private set; }

    public DecodeStatus Decode(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> output)
    {
        consumed = 0;
        output = default;
        if (_state == State.Done) return DecodeStatus.StreamEnd;
        if (_state == State.Failed) return DecodeStatus.Error;

        _buf ??= ArrayPool<byte>.Shared.Rent(WindowSize + _chunkSize);
        if (WindowSize + _chunkSize - _pos < _chunkSize / 2)
        {
            // Keep the last 32 KiB as history and make room for the next chunk.
            _buf.AsSpan(_pos - WindowSize, WindowSize).CopyTo(_buf);
            _pos = WindowSize;
        }
        int start = _pos;
        int end = Math.Min(_pos + _chunkSize, WindowSize + _chunkSize);
        _checked = _pos;
        int inPos = 0;
        DecodeStatus status = Run(input, ref inPos, end);

        if (status != DecodeStatus.Error)
        {
            _adler.Update(_buf.AsSpan(_checked, _pos - _checked));
            output = _buf.AsSpan(start, _pos - start);
            TotalOut += _pos - start;
        }
        if (status == DecodeStatus.StreamEnd)
        {
            // Whole bytes left in the bit buffer were read past the end along with the trailer: give back those
            // that came from this piece, so that consumed stops exactly at the end; older ones can only be flagged.
            int readAhead = _bitCount / 8;
            int giveBack = Math.Min(readAhead, inPos);
            inPos -= giveBack;
            HasTrailingData = readAhead > giveBack;
            _bits = 0;
            _bitCount = 0;
        }
        // Bits beyond _bitCount may hold look-ahead bytes; clear them so the next piece starts clean.
        if (_bitCount < 64) _bits &= (1UL << _bitCount) - 1;
        consumed = inPos;
        return status;
    }

    private DecodeStatus Run(ReadOnlySpan<byte> input, ref int inPos, int end)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Header:
                {
                    if (!Need(16, input, ref inPos)) return DecodeStatus.Ok;
                    int cmf = (int)(_bits & 0xFF), flg = (int)((_bits >> 8) & 0xFF);
                    if (((cmf << 8) | flg) % 31 != 0) return Fail("incorrect header check");
                    if ((cmf & 0x0F) != 8) return Fail("unknown compression method");
                    if ((cmf >> 4) + 8 > 15) return Fail("invalid window size");
                    if ((flg & 0x20) != 0) return Fail("need dictionary"); // a preset dictionary is never sent by omfwd
                    Drop(16);
                    _state = State.BlockHeader;
                    break;
                }

                case State.BlockHeader:
                {
                    if (!Need(3, input, ref inPos)) return DecodeStatus.Ok;
                    _lastBlock = (_bits & 1) != 0;
                    int type = (int)((_bits >> 1) & 3);
                    Drop(3);
                    switch (type)
                    {
                        case 0:
                            _state = State.StoredLength;
                            break;
                        case 1:
                            _lit = FixedLiterals;
                            _dist = FixedDistances;
                            _state = State.Codes;
                            break;
                        case 2:
                            _state = State.TableCounts;
                            break;
                        default:
                            return Fail("invalid block type");
                    }
                    break;
                }

                case State.StoredLength:
                {
                    Drop(_bitCount & 7); // to the byte boundary
                    if (!Need(32, input, ref inPos)) return DecodeStatus.Ok;
                    int len = (int)(_bits & 0xFFFF);
                    int nlen = (int)((_bits >> 16) & 0xFFFF);
                    if (len != (~nlen & 0xFFFF)) return Fail("invalid stored block lengths");
                    Drop(32);
                    _storedLeft = len;
                    _state = State.StoredCopy;
                    break;
                }

                case State.StoredCopy:
                {
                    while (_storedLeft > 0 && _bitCount >= 8 && _pos < end)
                    {
                        _buf![_pos++] = (byte)_bits;
                        Drop(8);
                        _storedLeft--;
                    }
                    if (_storedLeft > 0)
                    {
                        if (_pos == end) return DecodeStatus.Ok;
                        _bits = 0; // the bit buffer is empty; drop any look-ahead before copying past it
                        int n = Math.Min(_storedLeft, Math.Min(input.Length - inPos, end - _pos));
                        input.Slice(inPos, n).CopyTo(_buf.AsSpan(_pos));
                        inPos += n;
                        _pos += n;
                        _storedLeft -= n;
                        if (_storedLeft > 0) return DecodeStatus.Ok; // out of input or of room
                    }
                    _state = _lastBlock ? State.Trailer : State.BlockHeader;
                    break;
                }

                case State.TableCounts:
                {
                    if (!Need(14, input, ref inPos)) return DecodeStatus.Ok;
                    _literalCount = (int)(_bits & 31) + 257;
                    _distanceCount = (int)((_bits >> 5) & 31) + 1;
                    _codeLengthCount = (int)((_bits >> 10) & 15) + 4;
                    Drop(14);
                    if (_literalCount > 286 || _distanceCount > 30) return Fail("too many length or distance symbols");
                    Array.Clear(_codeLengthLengths);
                    _index = 0;
                    _state = State.CodeLengthCodes;
                    break;
                }

                case State.CodeLengthCodes:
                {
                    while (_index < _codeLengthCount)
                    {
                        if (!Need(3, input, ref inPos)) return DecodeStatus.Ok;
                        _codeLengthLengths[CodeLengthOrder[_index++]] = (byte)(_bits & 7);
                        Drop(3);
                    }
                    if (!_codeLengths.Build(_codeLengthLengths, allowIncompleteSingle: false) || _codeLengths.IsEmpty)
                        return Fail("invalid code lengths set");
                    Array.Clear(_lengths);
                    _index = 0;
                    _state = State.CodeLengths;
                    break;
                }

                case State.CodeLengths:
                {
                    int total = _literalCount + _distanceCount;
                    while (_index < total)
                    {
                        if (_bitCount < 14) Refill(input, ref inPos);
                        int sym = _codeLengths.Decode(_bits, _bitCount, out int l);
                        if (sym == HuffmanTable.NeedMoreBits) return DecodeStatus.Ok;
                        if (sym < 0) return Fail("invalid code lengths set");
                        if (sym < 16)
                        {
                            Drop(l);
                            _lengths[_index++] = (byte)sym;
                            continue;
                        }
                        int extra = sym == 16 ? 2 : sym == 17 ? 3 : 7;
                        if (l + extra > _bitCount) return DecodeStatus.Ok;
                        int r = (int)((_bits >> l) & ((1UL << extra) - 1));
                        byte value = 0;
                        int repeat;
                        if (sym == 16)
                        {
                            if (_index == 0) return Fail("invalid bit length repeat");
                            value = _lengths[_index - 1];
                            repeat = 3 + r;
                        }
                        else
                        {
                            repeat = sym == 17 ? 3 + r : 11 + r;
                        }
                        if (_index + repeat > total) return Fail("invalid bit length repeat");
                        Drop(l + extra);
                        _lengths.AsSpan(_index, repeat).Fill(value);
                        _index += repeat;
                    }
                    if (_lengths[256] == 0) return Fail("invalid code -- missing end-of-block");
                    if (!_literals.Build(_lengths.AsSpan(0, _literalCount))) return Fail("invalid literal/lengths set");
                    if (!_distances.Build(_lengths.AsSpan(_literalCount, _distanceCount))) return Fail("invalid distances set");
                    _lit = _literals;
                    _dist = _distances;
                    _state = State.Codes;
                    break;
                }

                case State.Codes:
                {
                    var s = DecodeCodes(input, ref inPos, end);
                    if (s != null) return s.Value;
                    break;
                }

                case State.MatchCopy:
                {
                    Copy(end);
                    if (_matchLength > 0) return DecodeStatus.Ok;
                    _state = State.Codes;
                    break;
                }

                case State.Trailer:
                {
                    Drop(_bitCount & 7);
                    while (_trailerBytes < 4)
                    {
                        if (!Need(8, input, ref inPos)) return DecodeStatus.Ok;
                        _trailer = (_trailer << 8) | (uint)(_bits & 0xFF);
                        Drop(8);
                        _trailerBytes++;
                    }
                    _adler.Update(_buf.AsSpan(_checked, _pos - _checked));
                    _checked = _pos;
                    if (_trailer != _adler.Value) return Fail("incorrect data check");
                    _state = State.Done;
                    return DecodeStatus.StreamEnd;
                }

                case State.Done:
                    return DecodeStatus.StreamEnd;

                default:
                    return DecodeStatus.Error;
            }
        }
    }

    /// <summary>
    /// The hot loop: literals and length/distance pairs until the end of the block, a full output chunk, or
    /// bits running out. Null means "block ended, go on with the state machine". Bit buffer, output position and
    /// input position live in locals here and are written back on every way out.
    /// </summary>
    private DecodeStatus? DecodeCodes(ReadOnlySpan<byte> input, ref int inPos, int end)
    {
        ref byte buf = ref MemoryMarshal.GetArrayDataReference(_buf!);
        var lit = _lit;
        var dist = _dist;
        ulong bits = _bits;
        int count = _bitCount, pos = _pos, ip = inPos;
        DecodeStatus? result;
        while (true)
        {
            if (pos >= end)
            {
                result = DecodeStatus.Ok;
                break;
            }
            // A pair takes at most 15 + 5 + 15 + 13 = 48 bits: with 48 in hand, only the end of the input can stop it.
            if (count < 48)
            {
                if (input.Length - ip >= 8)
                {
                    // Bytes beyond the ones counted land exactly where they will be counted later (see Refill).
                    bits |= BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(ip)) << count;
                    int take = (63 - count) >> 3;
                    ip += take;
                    count += take * 8;
                }
                else
                {
                    while (count <= 56 && ip < input.Length)
                    {
                        bits |= (ulong)input[ip++] << count;
                        count += 8;
                    }
                }
            }
            int sym = lit.Decode(bits, count, out int n);
            if (sym < 256)
            {
                if (sym < 0)
                {
                    result = sym == HuffmanTable.NeedMoreBits ? DecodeStatus.Ok : Fail("invalid literal/length code");
                    break;
                }
                Unsafe.Add(ref buf, pos++) = (byte)sym;
                bits >>= n;
                count -= n;
                continue;
            }
            if (sym == 256)
            {
                bits >>= n;
                count -= n;
                _state = _lastBlock ? State.Trailer : State.BlockHeader;
                result = null;
                break;
            }
            sym -= 257;
            if (sym >= 29)
            {
                result = Fail("invalid literal/length code");
                break;
            }
            int extra = LengthExtra[sym];
            if (n + extra > count)
            {
                result = DecodeStatus.Ok;
                break;
            }
            int length = LengthBase[sym] + (int)((bits >> n) & ((1UL << extra) - 1));
            n += extra;

            int dn = 0;
            int dsym = dist.IsEmpty ? HuffmanTable.InvalidCode : dist.Decode(bits >> n, count - n, out dn);
            if (dsym < 0 || dsym >= 30)
            {
                result = dsym == HuffmanTable.NeedMoreBits ? DecodeStatus.Ok : Fail("invalid distance code");
                break;
            }
            n += dn;
            extra = DistanceExtra[dsym];
            if (n + extra > count)
            {
                result = DecodeStatus.Ok;
                break;
            }
            int distance = DistanceBase[dsym] + (int)((bits >> n) & ((1UL << extra) - 1));
            n += extra;
            if (distance > pos)
            {
                result = Fail("invalid distance too far back");
                break;
            }
            bits >>= n;
            count -= n;

            int copy = Math.Min(length, end - pos);
            ref byte from = ref Unsafe.Add(ref buf, pos - distance);
            ref byte to = ref Unsafe.Add(ref buf, pos);
            if (distance >= copy)
            {
                Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)copy);
            }
            else
            {
                for (int i = 0; i < copy; i++) Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }
            pos += copy;
            if (copy < length)
            {
                // The chunk is full; the rest of the match comes with the next one.
                _matchLength = length - copy;
                _matchDistance = distance;
                _state = State.MatchCopy;
                result = DecodeStatus.Ok;
                break;
            }
        }
        _bits = bits;
        _bitCount = count;
        _pos = pos;
        inPos = ip;
        return result;
    }

    /// <summary>Copies as much of the pending match as fits; overlapping matches repeat the pattern.</summary>
    private void Copy(int end)
    {
        var buf = _buf!;
        int n = Math.Min(_matchLength, end - _pos);
        int from = _pos - _matchDistance;
        if (_matchDistance >= n)
        {
            buf.AsSpan(from, n).CopyTo(buf.AsSpan(_pos));
        }
        else
        {
            for (int i = 0; i < n; i++) buf[_pos + i] = buf[from + i];
        }
        _pos += n;
        _matchLength -= n;
    }

    private bool Need(int bits, ReadOnlySpan<byte> input, ref int inPos)
    {
        if (_bitCount < bits) Refill(input, ref inPos);
        return _bitCount >= bits;
    }

    /// <summary>
    /// Tops the bit buffer up to at least 56 bits while input lasts. With 8 bytes at hand it loads them in one go;
    /// the bytes beyond the ones counted land above _bitCount exactly where they will be counted later, so loading
    /// them again is harmless.
    /// </summary>
    private void Refill(ReadOnlySpan<byte> input, ref int inPos)
    {
        if (_bitCount > 56) return;
        if (input.Length - inPos >= 8)
        {
            ulong v = BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(inPos));
            _bits |= v << _bitCount;
            int take = (63 - _bitCount) >> 3;
            inPos += take;
            _bitCount += take * 8;
            return;
        }
        while (_bitCount <= 56 && inPos < input.Length)
        {
            _bits |= (ulong)input[inPos++] << _bitCount;
            _bitCount += 8;
        }
    }

    private void Drop(int n)
    {
        _bits >>= n;
        _bitCount -= n;
    }

    private DecodeStatus Fail(string error)
    {
        Error = error;
        _state = State.Failed;
        return DecodeStatus.Error;
    }

    private static HuffmanTable BuildFixed(bool literals)
    {
        if (literals)
        {
            var lengths = new byte[288];
            for (int i = 0; i < 144; i++) lengths[i] = 8;
            for (int i = 144; i < 256; i++) lengths[i] = 9;
            for (int i = 256; i < 280; i++) lengths[i] = 7;
            for (int i = 280; i < 288; i++) lengths[i] = 8;
            var t = new HuffmanTable(288, 10);
            t.Build(lengths);
            return t;
        }
        var d = new HuffmanTable(32, 9);
        d.Build(Enumerable.Repeat((byte)5, 32).ToArray());
        return d;
    }

    public void Dispose()
    {
        if (_buf != null) ArrayPool<byte>.Shared.Return(_buf);
        _buf = null;
    }
}
