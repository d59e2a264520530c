using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

/// <summary>
/// A legacy selector ("*.*", "mail.info;auth.none") compiled to rsyslog's table: for each facility a bit
/// mask of the severities that match.
/// </summary>
public sealed class PriFilter : IMessageFilter
{
    /// <summary>
    /// rsyslog's filter table has LOG_NFACILITIES+1 = 26 entries: 0–23 are the syslog facilities, 24 is
    /// "invld" (invalid PRI) and 25 is "mark" (checked with rsyslogd -d, which prints all 26 masks).
    /// </summary>
    public const int FacilityCount = 26;

    public const int InvalidFacility = 24;
    public const int MarkFacility = 25;

    private readonly byte[] _masks = new byte[FacilityCount];

    public static PriFilter All()
    {
        var f = new PriFilter();
        for (int i = 0; i < FacilityCount; i++) f._masks[i] = 0xFF;
        return f;
    }

    public void SetMask(int facility, byte severityMask) => _masks[facility] = severityMask;
    public byte GetMask(int facility) => _masks[facility];

    public bool Matches(Message message, RuleContext context)
    {
        int fac = message.Facility;
        return fac < FacilityCount && (_masks[fac] & (1 << message.Severity)) != 0;
    }
}
