using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Properties;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>
/// format_time(unixtime, format): "date-rfc3164" ("Oct  5 01:10:11") or "date-rfc3339" ("2017-10-05T01:10:11Z"),
/// in UTC. When the time is not wholly a number the argument is returned as it is (at most 63 bytes, rsyslog's
/// buffer). An unknown format gives rsyslog's uninitialized buffer (garbage); Sluice returns the argument then too.
/// </summary>
internal sealed class FormatTimeFunction(Expr time, Expr format) : Expr
{
    private static readonly byte[][] Months =
        ["Jan"u8.ToArray(), "Feb"u8.ToArray(), "Mar"u8.ToArray(), "Apr"u8.ToArray(), "May"u8.ToArray(), "Jun"u8.ToArray(),
         "Jul"u8.ToArray(), "Aug"u8.ToArray(), "Sep"u8.ToArray(), "Oct"u8.ToArray(), "Nov"u8.ToArray(), "Dec"u8.ToArray()];

    /// <summary>Beyond this the year no longer fits SyslogTime; gmtime would still work, Sluice gives up.</summary>
    private const long MaxSeconds = 900_000_000_000;

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var t = time.Evaluate(message, context);
        long seconds = ScriptConvert.ToNumber(t, out bool complete);
        var text = ScriptConvert.ToText(t, context);
        var f = ScriptConvert.ToText(format.Evaluate(message, context), context);
        bool rfc3164 = f.SequenceEqual("date-rfc3164"u8);
        if (!complete || (!rfc3164 && !f.SequenceEqual("date-rfc3339"u8)) || seconds > MaxSeconds || seconds < -MaxSeconds)
            return ScriptValue.FromString(FunctionText.CString(text)[..Math.Min(63, FunctionText.CString(text).Length)]);

        var tm = SyslogTimeMath.FromUnixSeconds(seconds);
        var dest = context.Scratch;
        int mark = dest.Length;
        if (rfc3164)
        {
            dest.Append(Months[tm.Month - 1]);
            dest.Append((byte)' ');
            dest.Append(tm.Day < 10 ? (byte)' ' : (byte)('0' + tm.Day / 10));
            dest.Append((byte)('0' + tm.Day % 10));
            dest.Append((byte)' ');
        }
        else
        {
            AsciiWriter.AppendDecimal(dest, tm.Year); // strftime %Y: not padded
            dest.Append((byte)'-');
            AsciiWriter.AppendTwoDigits(dest, tm.Month);
            dest.Append((byte)'-');
            AsciiWriter.AppendTwoDigits(dest, tm.Day);
            dest.Append((byte)'T');
        }
        AsciiWriter.AppendTwoDigits(dest, tm.Hour);
        dest.Append((byte)':');
        AsciiWriter.AppendTwoDigits(dest, tm.Minute);
        dest.Append((byte)':');
        AsciiWriter.AppendTwoDigits(dest, tm.Second);
        if (!rfc3164) dest.Append((byte)'Z');
        return FunctionText.Result(context, mark);
    }
}

/// <summary>Timestamp recognition shared by parse_time() and is_time() (rsyslog's datetime.c parsers).</summary>
internal static class TimeText
{
    public static bool TryRfc3339(ReadOnlySpan<byte> s, out SyslogTime time)
    {
        var cursor = new ParseCursor(s, 0);
        return TimestampParser.TryRfc3339(ref cursor, out time);
    }

    /// <summary>An RFC 3164 timestamp, without a year or offset of its own unless written (they stay 0).</summary>
    public static bool TryRfc3164(ReadOnlySpan<byte> s, out SyslogTime time)
    {
        var cursor = new ParseCursor(s, 0);
        return TimestampParser.TryRfc3164(ref cursor, default, out time);
    }
}

/// <summary>
/// parse_time(s): seconds since the epoch of an RFC 3339 timestamp, or of an RFC 3164 one with the year guessed
/// from today's date (UTC) as rsyslog does; 0 and script_error() 1 when neither parses.
/// </summary>
internal sealed class ParseTimeFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var s = FunctionText.CStringArgument(arg, message, context);
        context.ScriptError = 0;
        if (TimeText.TryRfc3339(s, out var time)) return ScriptValue.FromNumber(SyslogTimeMath.ToUnixSeconds(time));
        if (TimeText.TryRfc3164(s, out time))
        {
            var now = DateTime.UtcNow;
            time.Year = (short)EstimateYear(now.Year, now.Month, time.Month);
            return ScriptValue.FromNumber(SyslogTimeMath.ToUnixSeconds(time));
        }
        context.ScriptError = 1;
        return ScriptValue.FromNumber(0);
    }

    // rainerscript.c estimateYear: a December timestamp seen in January belongs to last year, January seen in
    // December to next year.
    private static int EstimateYear(int year, int month, int incomingMonth)
    {
        incomingMonth += 12;
        if (incomingMonth - month == 1 && month == 12 && incomingMonth == 13) return year + 1;
        if (incomingMonth - month > 13) return year - 1;
        return year;
    }
}

/// <summary>
/// is_time(s[, format]): 1 when s is an RFC 3164, RFC 3339 or Unix (wholly a number, "" included) time — or only
/// the given "date-rfc3164", "date-rfc3339" or "date-unix"; an unknown format gives 0. script_error() is 1 when 0.
/// </summary>
internal sealed class IsTimeFunction(Expr arg, Expr? format) : Expr
{
    private enum Kind : byte { Rfc3164, Rfc3339, Unix, Invalid }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        var value = arg.Evaluate(message, context);
        var s = FunctionText.CString(ScriptConvert.ToText(value, context));
        bool result;
        if (format is null)
        {
            result = Test(Kind.Rfc3164, s, value) || Test(Kind.Rfc3339, s, value) || Test(Kind.Unix, s, value);
        }
        else
        {
            var f = FunctionText.CStringArgument(format, message, context);
            var kind = f.SequenceEqual("date-rfc3164"u8) ? Kind.Rfc3164
                : f.SequenceEqual("date-rfc3339"u8) ? Kind.Rfc3339
                : f.SequenceEqual("date-unix"u8) ? Kind.Unix
                : Kind.Invalid;
            result = Test(kind, s, value);
        }
        context.ScriptError = result ? 0 : 1;
        return ScriptValue.FromBool(result);
    }

    private static bool Test(Kind kind, ReadOnlySpan<byte> s, in ScriptValue value)
    {
        switch (kind)
        {
            case Kind.Rfc3164: return TimeText.TryRfc3164(s, out _);
            case Kind.Rfc3339: return TimeText.TryRfc3339(s, out _);
            case Kind.Unix:
                ScriptConvert.ToNumber(value, out bool complete);
                return complete;
            default: return false;
        }
    }
}
