using System.Buffers.Text;

namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// Parses JSON text into a tree as rsyslog's parse_json() does with json-c's tokener (json_tokener_parse_ex, not
/// strict): the first complete value is taken and anything after it ignored; single-quoted strings, a trailing comma
/// and /* */ or // comments are accepted; true/false/null are case-insensitive; integers beyond int64 saturate;
/// doubles keep their text for printing; a duplicate member replaces the first (keeping its name); nesting deeper
/// than json-c's default depth fails; a top-level number or true/false/null at the very end is incomplete and fails
/// (json-c waits for more input), as does empty input. Checked against rsyslogd 8.2302 (expressions.tsv).
/// </summary>
public ref struct JsonReader
{
    /// <summary>json-c's JSON_TOKENER_DEFAULT_DEPTH.</summary>
    public const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> _s;
    private readonly JsonNodePool _pool;
    private int _pos;

    private JsonReader(ReadOnlySpan<byte> text, JsonNodePool pool)
    {
        _s = text;
        _pool = pool;
        _pos = 0;
    }

    /// <summary>The value, built from <paramref name="pool"/>'s nodes, or null when the text is not (complete) JSON.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> text, JsonNodePool pool)
    {
        var reader = new JsonReader(text, pool);
        return reader.SkipSpace() ? reader.Value(1) : null;
    }

    /// <summary>
    /// <see cref="Parse(ReadOnlySpan{byte}, JsonNodePool)"/> that also reports where the tokener stopped: after the
    /// value and the white space that follows it (json-c's char_offset), which mmjsonparse compares with the length
    /// to refuse trailing text.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> text, JsonNodePool pool, out int consumed)
    {
        var reader = new JsonReader(text, pool);
        consumed = 0;
        if (!reader.SkipSpace()) return null;
        var node = reader.Value(1);
        if (node is null) return null;
        reader.SkipSpace();
        consumed = reader._pos;
        return node;
    }

    private JsonNode? Value(int depth)
    {
        if (depth > MaxDepth) return null;
        byte c = _s[_pos];
        switch (c)
        {
            case (byte)'{': return Object(depth);
            case (byte)'[': return Array(depth);
            case (byte)'"' or (byte)'\'':
                var node = _pool.Rent(JsonKind.String);
                if (String(node)) return node;
                _pool.Return(node);
                return null;
            case (byte)'-' or >= (byte)'0' and <= (byte)'9': return Number();
            default: return Literal();
        }
    }

    private JsonNode? Object(int depth)
    {
        var obj = _pool.Rent(JsonKind.Object);
        var key = _pool.Rent(JsonKind.String);
        _pos++;
        while (true)
        {
            if (!SkipSpace()) break;
            if (_s[_pos] == '}')
            {
                _pos++;
                _pool.Return(key);
                return obj;
            }
            key.TrimText(0);
            if (_s[_pos] is not ((byte)'"' or (byte)'\'') || !String(key) || !SkipSpace() || _s[_pos] != ':') break;
            _pos++;
            if (!SkipSpace()) break;
            var value = Value(depth + 1);
            if (value is null) break;
            if (obj.AddMember(key.Text, value) is { } replaced) _pool.Return(replaced);
            if (!SkipSpace()) break;
            if (_s[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_s[_pos] != '}') break;
        }
        _pool.Return(key);
        _pool.Return(obj);
        return null;
    }

    private JsonNode? Array(int depth)
    {
        var array = _pool.Rent(JsonKind.Array);
        _pos++;
        while (true)
        {
            if (!SkipSpace()) break;
            if (_s[_pos] == ']')
            {
                _pos++;
                return array;
            }
            var value = Value(depth + 1);
            if (value is null) break;
            array.Append(value);
            if (!SkipSpace()) break;
            if (_s[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_s[_pos] != ']') break;
        }
        _pool.Return(array);
        return null;
    }

    // A string in double or single quotes, decoded into the node's text.
    private bool String(JsonNode into)
    {
        byte quote = _s[_pos++];
        while (_pos < _s.Length)
        {
            byte c = _s[_pos++];
            if (c == quote) return true;
            if (c != '\\')
            {
                into.AppendText(1)[0] = c;
                continue;
            }
            if (_pos >= _s.Length) return false;
            c = _s[_pos++];
            switch (c)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'\'': into.AppendText(1)[0] = c; break;
                case (byte)'b': into.AppendText(1)[0] = (byte)'\b'; break;
                case (byte)'f': into.AppendText(1)[0] = (byte)'\f'; break;
                case (byte)'n': into.AppendText(1)[0] = (byte)'\n'; break;
                case (byte)'r': into.AppendText(1)[0] = (byte)'\r'; break;
                case (byte)'t': into.AppendText(1)[0] = (byte)'\t'; break;
                case (byte)'u':
                    if (!Unicode(into)) return false;
                    break;
                default: return false;
            }
        }
        return false;
    }

    private bool Unicode(JsonNode into)
    {
        if (!Hex4(out int code)) return false;
        if (code is >= 0xD800 and <= 0xDBFF && _pos + 1 < _s.Length && _s[_pos] == '\\' && _s[_pos + 1] == 'u')
        {
            int save = _pos;
            _pos += 2;
            if (Hex4(out int low) && low is >= 0xDC00 and <= 0xDFFF)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            else
                _pos = save;
        }
        if (code is >= 0xD800 and <= 0xDFFF) code = 0xFFFD; // a lone surrogate
        var rune = new System.Text.Rune(code);
        rune.EncodeToUtf8(into.AppendText(rune.Utf8SequenceLength));
        return true;
    }

    private bool Hex4(out int value)
    {
        value = 0;
        if (_pos + 4 > _s.Length) return false;
        for (int i = 0; i < 4; i++)
        {
            int d = HexDigit(_s[_pos++]);
            if (d < 0) return false;
            value = value * 16 + d;
        }
        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    // json-c collects "0123456789.+-eE" and converts the run; it needs a following character to know the number
    // ended, so a number that ends the input is incomplete.
    private JsonNode? Number()
    {
        int start = _pos;
        bool isDouble = false;
        while (_pos < _s.Length && _s[_pos] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'+' or (byte)'-' or (byte)'e' or (byte)'E')
        {
            if (_s[_pos] is (byte)'.' or (byte)'e' or (byte)'E') isDouble = true;
            _pos++;
        }
        if (_pos >= _s.Length) return null;
        var text = _s[start.._pos];
        if (isDouble)
        {
            if (!Utf8Parser.TryParse(text, out double d, out int used) || used != text.Length) return null;
            var node = _pool.Rent(JsonKind.Double);
            node.SetDouble(d);
            node.SetText(text);
            return node;
        }
        return ParseInteger(text, out long value) ? _pool.RentInteger(value) : null;
    }

    // strtoll, whole text, saturating on overflow (json_parse_int64).
    private static bool ParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        bool negative = text.Length > 0 && text[0] == '-';
        int i = negative ? 1 : 0;
        if (i == text.Length) return false;
        ulong magnitude = 0;
        bool overflow = false;
        for (; i < text.Length; i++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9') return false;
            uint digit = (uint)(text[i] - '0');
            if (overflow) continue;
            if (magnitude > (ulong.MaxValue - digit) / 10) overflow = true;
            else magnitude = magnitude * 10 + digit;
        }
        if (negative) value = overflow || magnitude > (ulong)long.MaxValue ? long.MinValue : -(long)magnitude;
        else value = overflow || magnitude > long.MaxValue ? long.MaxValue : (long)magnitude;
        return true;
    }

    // Like a number, a literal that ends the input is incomplete for json-c (parse_json('true', …) fails).
    private JsonNode? Literal()
    {
        JsonNode? node = Word("true"u8) ? Boolean(true) : Word("false"u8) ? Boolean(false) : Word("null"u8) ? _pool.Rent(JsonKind.Null) : null;
        if (node is null || _pos < _s.Length) return node;
        _pool.Return(node);
        return null;
    }

    private JsonNode Boolean(bool value)
    {
        var node = _pool.Rent(JsonKind.Boolean);
        node.SetInteger(value ? 1 : 0);
        return node;
    }

    private bool Word(ReadOnlySpan<byte> word)
    {
        if (_pos + word.Length > _s.Length) return false;
        for (int i = 0; i < word.Length; i++)
            if ((_s[_pos + i] | 0x20) != word[i]) return false;
        _pos += word.Length;
        return true;
    }

    // White space and comments; false at the end of the text.
    private bool SkipSpace()
    {
        while (_pos < _s.Length)
        {
            byte c = _s[_pos];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f')
            {
                _pos++;
                continue;
            }
            if (c == '/' && _pos + 1 < _s.Length && _s[_pos + 1] == '*')
            {
                int end = _s[(_pos + 2)..].IndexOf("*/"u8);
                if (end < 0) return false;
                _pos += end + 4;
                continue;
            }
            if (c == '/' && _pos + 1 < _s.Length && _s[_pos + 1] == '/')
            {
                int end = _s[_pos..].IndexOf((byte)'\n');
                if (end < 0) return false;
                _pos += end + 1;
                continue;
            }
            return true;
        }
        return false;
    }
}
