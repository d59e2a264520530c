namespace Sluice.Engine.Framing;

/// <summary>Receives what a framer finds. Implemented by the input session (no closures on the hot path).</summary>
public interface IFrameSink
{
    /// <summary>A complete, non-empty frame. The span is only valid during the call.</summary>
    void OnFrame(ReadOnlySpan<byte> frame, bool truncated);

    /// <summary>A framing problem rsyslog logs; <paramref name="value"/> is the count or byte involved.</summary>
    void OnFramingError(FramingError error, int value);
}

public enum FramingError
{
    /// <summary>An octet count ended with a byte other than SP (value: that byte). The count is still used.</summary>
    DelimiterNotSpace,
    /// <summary>An octet count below 1 (value: the count); the frame falls back to LF framing.</summary>
    InvalidOctetCount,
    /// <summary>An octet count above maxMessageSize (value: the count); the frame will be truncated.</summary>
    OversizeOctetCount,
    /// <summary>An octet count above MaxFrameSize (value: the count); the frame falls back to LF framing.</summary>
    FrameTooLarge,
    /// <summary>A frame hit maxMessageSize (value: maxMessageSize) and was truncated or split.</summary>
    MessageTruncated,
    /// <summary>The stream ended inside an octet-counted frame (value: bytes held); the data is discarded.</summary>
    IncompleteFrameAtClose,
}
