using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Properties;
using Sluice.Engine.Regex;

namespace Sluice.Engine.Templates;

/// <summary>
/// Compiles string template text into entries (rsyslog template.c tplAddLine / do_Constant / do_Parameter /
/// doOptions). Stricter than rsyslog where rsyslog silently skips garbage: every malformed or unknown
/// piece is a <see cref="ConfigException"/> naming the template and the offset inside its text.
/// </summary>
internal sealed class StringTemplateParser
{
    private readonly string _name;
    private readonly string _text;
    private readonly SourceLocation _location;
    private readonly bool _legacy;
    private readonly bool _caseSensitive;
    private readonly List<TemplateEntry> _entries = new();
    private int _pos;

    /// <param name="legacy">
    /// Legacy "$template" text: backslash escapes are decoded in constants and an unescaped '"' ends the
    /// template. RainerScript strings arrive decoded by the config lexer, so nothing is decoded again
    /// (rsyslog calls do_Constant with bDoEscapes = 0 for them).
    /// </param>
    /// <param name="caseSensitive">option.casesensitive: variable names keep their case in jsonf field names.</param>
    public StringTemplateParser(string name, string text, int start, SourceLocation location, bool legacy, bool caseSensitive = false)
    {
        _caseSensitive = caseSensitive;
        _name = name;
        _text = text;
        _pos = start;
        _location = location;
        _legacy = legacy;
    }

    /// <summary>Where parsing stopped (after the closing quote in legacy mode, else the end of the text).</summary>
    public int Position => _pos;

    public List<TemplateEntry> Parse()
    {
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '%')
            {
                _pos++;
                ParseProperty();
                continue;
            }
            if (_legacy && _text[_pos] == '"')
            {
                _pos++;
                return _entries;
            }
            ParseConstant();
        }
        if (_legacy) throw Error(_text.Length, "the template text has no closing '\"'");
        return _entries;
    }

    private void ParseConstant()
    {
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '%' || (_legacy && c == '"')) break;
            if (_legacy && c == '\\' && _pos + 1 < _text.Length)
            {
                _pos++;
                DecodeEscape(bytes);
                continue;
            }
            int n;
            if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length)
            {
                n = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, 2), utf8);
                _pos += 2;
            }
            else
            {
                n = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, 1), utf8);
                _pos++;
            }
            for (int i = 0; i < n; i++) bytes.Add(utf8[i]);
        }
        if (bytes.Count > 0) _entries.Add(new ConstantEntry(bytes.ToArray()));
    }

    /// <summary>
    /// rsyslog's legacy escapes: \n, \r, \\, \%, decimal \NNN (e.g. \10 is LF), and any other char stands for itself.
    /// </summary>
    private void DecodeEscape(List<byte> bytes)
    {
        char c = _text[_pos];
        switch (c)
        {
            case 'n': bytes.Add((byte)'\n'); _pos++; return;
            case 'r': bytes.Add((byte)'\r'); _pos++; return;
            case '\\': bytes.Add((byte)'\\'); _pos++; return;
            case '%': bytes.Add((byte)'%'); _pos++; return;
        }
        if (c >= '0' && c <= '9')
        {
            int v = 0;
            while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
                v = v * 10 + (_text[_pos++] - '0');
            bytes.Add(unchecked((byte)v));
            return;
        }
        // Any other escaped character (including '"') is taken literally.
        Span<byte> utf8 = stackalloc byte[4];
        int n = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, 1), utf8);
        _pos++;
        for (int i = 0; i < n; i++) bytes.Add(utf8[i]);
    }

    private void ParseProperty()
    {
        int open = _pos - 1;
        int nameStart = _pos;
        while (_pos < _text.Length && _text[_pos] != '%' && _text[_pos] != ':') _pos++;
        if (_pos >= _text.Length) throw Error(open, "property has no closing '%'");
        string name = _text.Substring(nameStart, _pos - nameStart);
        if (name.Length == 0) throw Error(open, "empty property name ('%%')");
        var variable = PropertyNames.TryVariable(name);
        bool allJson = PropertyNames.IsAllJson(name, out bool plain);
        PropertyId id = variable is null && !allJson ? ResolveProperty(name, open) : default;

        if (_text[_pos] == '%')
        {
            _pos++;
            _entries.Add(allJson ? new AllJsonEntry(plain, null) : variable is null ? new PropertyEntry(id) : new VariableEntry(variable));
            return;
        }

        _pos++; // ':'
        var o = new ReplacerOptions();
        var regexSyntax = ParseFromPos(o);
        if (regexSyntax is not null)
        {
            if (Peek() != ':') throw Error(_pos, "invalid character after \"R,...\" (expected ':' and the regular expression)");
            _pos++;
            ParseRegex(o, regexSyntax.Value, open);
        }
        else if (Peek() == ':')
        {
            _pos++;
            ParseToPos(o);
        }
        if (Peek() == ':')
        {
            _pos++;
            ParseOptions(o);
        }
        if (Peek() == ':')
        {
            _pos++;
            int fieldStart = _pos;
            while (_pos < _text.Length && _text[_pos] != '%' && _text[_pos] != ':') _pos++;
            o.FieldName = _text.Substring(fieldStart, _pos - fieldStart);
            if (Peek() == ':') throw Error(_pos, "too many ':' in property (expected %name:from:to:options:fieldname%)");
        }
        if (Peek() != '%') throw Error(open, "property has no closing '%'");
        _pos++;

        // rsyslog swaps the positions when they are given in the "wrong" order (template.c do_Parameter).
        if (o.PosEndRelative ? o.ToPos > o.FromPos : o.ToPos < o.FromPos)
            (o.FromPos, o.ToPos) = (o.ToPos, o.FromPos);

        // jsonf writes the property name as written when no field name is given.
        // For $! and $. variables rsyslog cuts the first two characters ("$!a!b" → "a!b"; even the bare "!a" → "")
        // and keeps $/ names whole (checked with rsyslogd 8.2302). Without option.casesensitive a variable's name
        // is lower-cased first (template.c lower-cases the property name; only variables show it: "%MSG:::jsonf%"
        // keeps "MSG", "%$!Mixed:::jsonf%" gives "mixed").
        if (variable is not null && !_caseSensitive) name = name.ToLowerInvariant();
        o.FieldName ??= variable is { Scope: Messages.Variables.VariableScope.Message or Messages.Variables.VariableScope.Local }
            ? name[Math.Min(2, name.Length)..] : name;
        o.Seal();
        _entries.Add(allJson ? new AllJsonEntry(plain, o) : variable is null ? new ReplacerEntry(id, o) : new VariableReplacerEntry(variable, o));
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private PropertyId ResolveProperty(string name, int offset)
    {
        try
        {
            return PropertyNames.Resolve(name, _location);
        }
        catch (ConfigException e)
        {
            throw Error(offset, e.Errors[0].Message);
        }
    }

    /// <summary>
    /// fromChar: a number, "F[,delimiter[,from]]" (field extraction; the delimiter is a decimal byte value, default
    /// TAB) or "R[,BRE|ERE[,submatch[,DFLT|BLANK|ZERO|FIELD[,match]]]]" (regex extraction). Returns the regex
    /// syntax for R, else null.
    /// </summary>
    private RegexSyntax? ParseFromPos(ReplacerOptions o)
    {
        char c = Peek();
        if (c == 'R')
        {
            _pos++;
            return ParseRegexSettings(o);
        }
        if (c == 'F')
        {
            _pos++;
            ParseFieldSettings(o);
            return null;
        }
        o.FromPos = ReadNumber("fromChar");
        return null;
    }

    /// <summary>The part after "R" (template.c do_Parameter): each setting is optional but their order is fixed.</summary>
    private RegexSyntax ParseRegexSettings(ReplacerOptions o)
    {
        var syntax = RegexSyntax.Basic;
        if (Peek() == ',')
        {
            _pos++;
            if (Word("BRE")) syntax = RegexSyntax.Basic;
            else if (Word("ERE")) syntax = RegexSyntax.Extended;
            else throw Error(_pos, "invalid regular expression type (expected BRE or ERE)");
        }
        if (Peek() == ',')
        {
            _pos++;
            // A single digit; anything else leaves the submatch at 0 (as rsyslog).
            if (char.IsAsciiDigit(Peek())) o.RegexSubmatch = _text[_pos++] - '0';
        }
        if (Peek() == ',')
        {
            _pos++;
            if (Word("DFLT")) o.RegexNoMatch = RegexNoMatch.Default;
            else if (Word("BLANK")) o.RegexNoMatch = RegexNoMatch.Blank;
            else if (Word("FIELD")) o.RegexNoMatch = RegexNoMatch.Field;
            else if (Word("ZERO")) o.RegexNoMatch = RegexNoMatch.Zero;
            else if (Peek() == ',') o.RegexNoMatch = RegexNoMatch.Default; // empty: the default, and the ',' starts the next one
            else throw Error(_pos, "invalid regular expression no-match mode (expected DFLT, BLANK, ZERO or FIELD)");
        }
        if (Peek() == ',')
        {
            _pos++;
            if (char.IsAsciiDigit(Peek())) o.RegexMatch = _text[_pos++] - '0';
        }
        return syntax;
    }

    /// <summary>An upper-case keyword followed by ',' or ':' (rsyslog compares these case-sensitively).</summary>
    private bool Word(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        int end = _pos + word.Length;
        if (end >= _text.Length || (_text[end] != ',' && _text[end] != ':')) return false;
        _pos = end;
        return true;
    }

    /// <summary>toChar of an R property: the regular expression, which ends at the first "--end".</summary>
    private void ParseRegex(ReplacerOptions o, RegexSyntax syntax, int open)
    {
        int end = _text.IndexOf("--end", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error(open, "the regular expression has no \"--end\"");
        string pattern = _text.Substring(_pos, end - _pos);
        try
        {
            o.Regex = PosixRegex.Compile(pattern, syntax);
        }
        catch (RegexCompileException e)
        {
            // rsyslog renders "**NO MATCH** **BAD REGULAR EXPRESSION**" for every message instead.
            throw Error(_pos, e.Message);
        }
        _pos = end + "--end".Length;
    }

    /// <summary>The part after "F" (template.c do_Parameter).</summary>
    private void ParseFieldSettings(ReplacerOptions o)
    {
        o.HasField = true;
        o.FieldDelimiter = 9;
        if (Peek() == ':') return;
        if (Peek() != ',') throw Error(_pos, "invalid character after \"F\" (expected ',' and a delimiter, or ':')");
        _pos++;
        if (!char.IsAsciiDigit(Peek())) throw Error(_pos, "the field delimiter after \"F,\" must be a decimal character code");
        int delimiter = ReadDigits("field delimiter");
        if (delimiter > 255) throw Error(_pos, $"field delimiter {delimiter} is not a byte value (0-255)");
        o.FieldDelimiter = (byte)delimiter;
        if (Peek() == '+')
            // Only rsyslog builds with STRICT_GPLV3 know "F,d+"; Debian's rsyslogd 8.2302 rejects it like this.
            throw Error(_pos, "\"F,delimiter+\" (runs of delimiters as one) is not supported by rsyslog builds without STRICT_GPLV3");
        if (Peek() == ',')
        {
            _pos++;
            o.FromPos = ReadNumber("fromChar");
        }
        else if (Peek() != ':')
        {
            throw Error(_pos, $"invalid character '{Peek()}' after \"F,{delimiter}\" (be sure to use decimal character codes)");
        }
    }

    /// <summary>toChar: a number, "$" (to the end), or for a field "number[,to]".</summary>
    private void ParseToPos(ReplacerOptions o)
    {
        if (Peek() == '$')
        {
            _pos++;
            o.ToPos = ReplacerOptions.ToEnd;
            if (Peek() != ':' && Peek() != '%') throw Error(_pos, $"invalid character '{Peek()}' after toChar '$'");
            // With a field, "$" sets no field number: rsyslog then finds no field.
            if (o.HasField) o.FieldNumber = 0;
            return;
        }
        if (o.HasField)
        {
            o.FieldNumber = ReadDigits("field number");
            if (Peek() == ',')
            {
                _pos++;
                o.ToPos = ReadNumber("toChar");
            }
            else
            {
                ExpectEndOfPart("field number");
            }
            return;
        }
        o.ToPos = ReadNumber("toChar");
    }

    private int ReadNumber(string what)
    {
        int v = ReadDigits(what);
        ExpectEndOfPart(what);
        return v;
    }

    private int ReadDigits(string what)
    {
        long v = 0;
        while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
        {
            v = v * 10 + (_text[_pos++] - '0');
            if (v > ReplacerOptions.ToEnd) throw Error(_pos, $"{what} is too large");
        }
        return (int)v;
    }

    private void ExpectEndOfPart(string what)
    {
        char c = Peek();
        if (c != ':' && c != '%')
            throw Error(_pos, c == '\0' ? "property has no closing '%'" : $"invalid character '{c}' in {what} (a number is expected)");
    }

    private void ParseOptions(ReplacerOptions o)
    {
        while (true)
        {
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] != ',' && _text[_pos] != '%' && _text[_pos] != ':') _pos++;
            string option = _text.Substring(start, _pos - start).ToLowerInvariant();
            bool more = Peek() == ',';
            if (more) _pos++;
            if (option.Length == 0)
            {
                // rsyslog accepts an empty option list and a trailing comma.
                if (more) throw Error(start, "empty property option");
                return;
            }
            ApplyOption(o, option, start);
            if (!more) return;
        }
    }

    private void ApplyOption(ReplacerOptions o, string option, int offset)
    {
        switch (option)
        {
            case "date-mysql": o.DateFormat = DateFormat.MySql; break;
            case "date-pgsql": o.DateFormat = DateFormat.PgSql; break;
            case "date-rfc3164": o.DateFormat = DateFormat.Rfc3164; break;
            case "date-rfc3164-buggyday": o.DateFormat = DateFormat.Rfc3164BuggyDay; break;
            case "date-rfc3339": o.DateFormat = DateFormat.Rfc3339; break;
            case "date-unixtimestamp": o.DateFormat = DateFormat.UnixTimestamp; break;
            case "date-subseconds": o.DateFormat = DateFormat.SubSeconds; break;
            case "date-wdayname": o.DateFormat = DateFormat.WDayName; break;
            case "date-wday": o.DateFormat = DateFormat.WDay; break;
            case "date-year": o.DateFormat = DateFormat.Year; break;
            case "date-month": o.DateFormat = DateFormat.Month; break;
            case "date-day": o.DateFormat = DateFormat.Day; break;
            case "date-hour": o.DateFormat = DateFormat.Hour; break;
            case "date-minute": o.DateFormat = DateFormat.Minute; break;
            case "date-second": o.DateFormat = DateFormat.Second; break;
            case "date-tzoffshour": o.DateFormat = DateFormat.TzOffsHour; break;
            case "date-tzoffsmin": o.DateFormat = DateFormat.TzOffsMin; break;
            case "date-tzoffsdirection": o.DateFormat = DateFormat.TzOffsDirection; break;
            case "date-ordinal": o.DateFormat = DateFormat.Ordinal; break;
            case "date-week": o.DateFormat = DateFormat.Week; break;
            case "date-iso-week": o.DateFormat = DateFormat.IsoWeek; break;
            case "date-iso-week-year": o.DateFormat = DateFormat.IsoWeekYear; break;
            case "date-utc": o.DateInUtc = true; break;
            case "lowercase": o.Case = CaseConversion.Lower; break;
            case "uppercase": o.Case = CaseConversion.Upper; break;
            case "sp-if-no-1st-sp": o.SpIfNo1stSp = true; break;
            case "compressspace": o.CompressSpace = true; break;
            case "escape-cc": o.EscapeCC = true; break;
            case "drop-cc": o.DropCC = true; break;
            case "space-cc": o.SpaceCC = true; break;
            case "drop-last-lf": o.DropLastLF = true; break;
            case "secpath-drop": o.SecPathDrop = true; break;
            case "secpath-replace": o.SecPathReplace = true; break;
            case "pos-end-relative": o.PosEndRelative = true; break;
            case "fixed-width": o.FixedWidth = true; break;
            case "csv": SetFormat(o, ReplacerFormat.Csv, option, offset); break;
            case "json": SetFormat(o, ReplacerFormat.Json, option, offset); break;
            case "jsonf": SetFormat(o, ReplacerFormat.JsonF, option, offset); break;
            case "jsonr": SetFormat(o, ReplacerFormat.JsonR, option, offset); break;
            case "jsonfr": SetFormat(o, ReplacerFormat.JsonFR, option, offset); break;
            case "mandatory-field": o.Mandatory = true; break;
            default:
                string? close = Config.Schema.NameSuggester.Closest(option, KnownOptions);
                throw Error(offset, close is null
                    ? $"invalid property option '{option}'"
                    : $"invalid property option '{option}' (did you mean '{close}'?)");
        }
    }

    private void SetFormat(ReplacerOptions o, ReplacerFormat format, string option, int offset)
    {
        // rsyslog logs "can only specify one option out of (json, jsonf, jsonr, jsonfr, csv)" and ignores the later one.
        if (o.Format != ReplacerFormat.None)
            throw Error(offset, $"property option '{option}': only one of json, jsonf, jsonr, jsonfr and csv may be given");
        o.Format = format;
    }

    private static readonly string[] KnownOptions =
    {
        "date-mysql", "date-pgsql", "date-rfc3164", "date-rfc3164-buggyday", "date-rfc3339", "date-unixtimestamp",
        "date-subseconds", "date-wdayname", "date-wday", "date-year", "date-month", "date-day", "date-hour",
        "date-minute", "date-second", "date-tzoffshour", "date-tzoffsmin", "date-tzoffsdirection", "date-utc",
        "lowercase", "uppercase", "sp-if-no-1st-sp", "compressspace", "escape-cc", "drop-cc", "space-cc",
        "drop-last-lf", "secpath-drop", "secpath-replace", "pos-end-relative", "fixed-width", "csv", "json",
        "jsonf", "jsonr", "jsonfr", "mandatory-field", "date-ordinal", "date-week", "date-iso-week", "date-iso-week-year",
    };

    private ConfigException Error(int offset, string message) =>
        new(_location, $"template '{_name}': {message} (at offset {offset} of the template text)");
}
