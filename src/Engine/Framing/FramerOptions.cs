namespace Sluice.Engine.Framing;

/// <summary>Receive framing settings of one TCP listener (imtcp module/input parameters).</summary>
public sealed record FramerOptions
{
    /// <summary>The global maxMessageSize; rsyslog's real default is 8096.</summary>
    public int MaxMessageSize { get; init; } = 8096;
    /// <summary>Largest octet count accepted before falling back to LF framing (imtcp MaxFrameSize).</summary>
    public int MaxFrameSize { get; init; } = 200000;
    public bool SupportOctetCountedFraming { get; init; } = true;
    public bool DisableLFDelimiter { get; init; }
    /// <summary>An extra frame delimiter byte, or -1 for none (imtcp AddtlFrameDelimiter).</summary>
    public int AddtlFrameDelimiter { get; init; } = -1;
    /// <summary>On: the rest of an oversize frame is skipped; off: it becomes further messages (split).</summary>
    public bool DiscardTruncatedMsg { get; init; }
}
