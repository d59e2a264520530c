using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

/// <summary>
/// A legacy selector ("*.*", "mail.info;auth.none") compiled to rsyslog's table: for each facility a bit
/// mask of the severities that match.
/// </summary>
public sealed class PriFilter : IMessageFilter
{
    /// <summary>rsyslog's LOG_NFACILITIES is 24; index 24 is the "mark" facility.</summary>
    public const int FacilityCount = 25;

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
