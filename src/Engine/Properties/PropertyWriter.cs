using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// Writes a property's value as bytes (rsyslog's MsgGetProp before the property replacer's options): the fields
/// SyslogParser set are copied as they are (read as <see cref="MessageFields"/> says), numbers, names and times
/// are formatted straight into the buffer.
/// </summary>
public static class PropertyWriter
{
    /// <summary>
    /// Appends the value. Returns true when rsyslog would have produced the value in a freshly allocated
    /// buffer (pri-text, $now…, date-utc) — which one rsyslog quirk of the property replacer depends on.
    /// </summary>
    public static bool Append(ByteBuffer dest, PropertyId id, Message m, in RenderContext ctx,
        DateFormat dateFormat = DateFormat.Default, bool dateInUtc = false)
    {
        switch (id)
        {
            case PropertyId.Msg: dest.Append(m.Slice(m.Msg)); return false;
            case PropertyId.RawMsg: dest.Append(m.Raw); return false;
            case PropertyId.RawMsgAfterPri: dest.Append(MessageFields.RawAfterPri(m)); return false;
            case PropertyId.Hostname: dest.Append(m.HostnameOrFromHost); return false;
            case PropertyId.FromHost: dest.Append(m.Peer.FromHost); return false;
            case PropertyId.FromHostIp: dest.Append(m.Peer.FromHostIp); return false;
            case PropertyId.FromHostPort: dest.Append(m.Peer.FromHostPort); return false;
            case PropertyId.SyslogTag: dest.Append(m.Slice(m.Tag)); return false;
            case PropertyId.ProgramName: dest.Append(m.Slice(m.ProgramName)); return false;
            case PropertyId.Pri: AppendPri(dest, m); return false;
            case PropertyId.PriText:
                dest.Append(FacilityName(m));
                dest.Append((byte)'.');
                dest.Append(SyslogNames.Severity[m.Severity]);
                return true;
            case PropertyId.Iut: dest.Append((byte)'1'); return false;
            case PropertyId.SyslogFacility:
                if (m.Facility > 23) dest.Append(SyslogNames.Invalid);
                else AsciiWriter.AppendDecimal(dest, m.Facility);
                return false;
            case PropertyId.SyslogFacilityText: dest.Append(FacilityName(m)); return false;
            case PropertyId.SyslogSeverity: dest.Append((byte)('0' + m.Severity)); return false;
            case PropertyId.SyslogSeverityText: dest.Append(SyslogNames.Severity[m.Severity]); return false;
            case PropertyId.TimeGenerated: return AppendTime(dest, m.TimeGenerated, dateFormat, dateInUtc);
            case PropertyId.TimeReported: return AppendTime(dest, MessageFields.TimeReported(m), dateFormat, dateInUtc);
            case PropertyId.ProtocolVersion: dest.Append(m.ProtocolVersion != 0 ? (byte)'1' : (byte)'0'); return false;
            case PropertyId.StructuredData: dest.Append(MessageFields.StructuredData(m)); return false;
            case PropertyId.AppName: dest.Append(m.Slice(m.AppName)); return false;
            case PropertyId.ProcId: dest.Append(MessageFields.ProcId(m)); return false;
            case PropertyId.MsgId: dest.Append(MessageFields.MsgId(m)); return false;
            case PropertyId.InputName: dest.Append(m.Input.InputNameBytes); return false;
            case PropertyId.JsonMesg: JsonMessageWriter.Append(dest, m, ctx); return true;
            case PropertyId.Uuid: MessageUuid.Append(dest, m); return false;
            case PropertyId.ParseSuccess: dest.Append(m.ParseSuccess ? "OK"u8 : "FAIL"u8); return false;
            case PropertyId.SysUptime: AsciiWriter.AppendDecimal(dest, SystemUptime.Seconds()); return true;
            case PropertyId.SysMyHostname: dest.Append(ctx.LocalHostName); return false;
            case PropertyId.SysBom: dest.Append("\uFEFF"u8); return false; // EF BB BF
            default:
                AppendSystemTime(dest, id, ctx.Now);
                return true;
        }
    }

    private static ReadOnlySpan<byte> FacilityName(Message m) => SyslogNames.Facility[Math.Min(m.Facility, 24)];

    /// <summary>PRI as a number, "invld" beyond 191 (rsyslog's getPRI).</summary>
    private static void AppendPri(ByteBuffer dest, Message m)
    {
        int pri = (m.Facility << 3) + m.Severity;
        if (pri > 191) dest.Append(SyslogNames.Invalid);
        else AsciiWriter.AppendDecimal(dest, pri);
    }

    private static bool AppendTime(ByteBuffer dest, in SyslogTime t, DateFormat format, bool inUtc)
    {
        if (!inUtc)
        {
            TimestampFormatter.Append(dest, t, format);
            return false;
        }
        var utc = SyslogTimeMath.ToUtc(t);
        TimestampFormatter.Append(dest, utc, format);
        return true;
    }

    /// <summary>$now, $year … from the batch's time (local), or its UTC equivalent for the -utc variants.</summary>
    private static void AppendSystemTime(ByteBuffer dest, PropertyId id, in SyslogTime now)
    {
        bool utc = id >= PropertyId.SysNowUtc && id <= PropertyId.SysWDayUtc;
        var t = utc ? SyslogTimeMath.FromUnixSeconds(SyslogTimeMath.ToUnixSeconds(now)) : now;
        switch (id)
        {
            case PropertyId.SysNow:
            case PropertyId.SysNowUtc:
                TimestampFormatter.AppendDate(dest, t);
                break;
            case PropertyId.SysYear:
            case PropertyId.SysYearUtc:
                AsciiWriter.AppendFourDigits(dest, t.Year);
                break;
            case PropertyId.SysMonth:
            case PropertyId.SysMonthUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Month);
                break;
            case PropertyId.SysDay:
            case PropertyId.SysDayUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Day);
                break;
            case PropertyId.SysHour:
            case PropertyId.SysHourUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Hour);
                break;
            case PropertyId.SysHHour:
            case PropertyId.SysHHourUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Minute / 30);
                break;
            case PropertyId.SysQHour:
            case PropertyId.SysQHourUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Minute / 15);
                break;
            case PropertyId.SysMinute:
            case PropertyId.SysMinuteUtc:
                AsciiWriter.AppendTwoDigits(dest, t.Minute);
                break;
            case PropertyId.SysWDay:
            case PropertyId.SysWDayUtc:
                dest.Append((byte)('0' + SyslogTimeMath.WeekDay(t)));
                break;
            case PropertyId.SysNowUnixTimestamp:
                AsciiWriter.AppendDecimal(dest, SyslogTimeMath.ToUnixSeconds(now));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "not a property");
        }
    }
}
