namespace Sluice.Engine.Compression.Decoders;

public enum DecodeStatus
{
    /// <summary>Progress made; call again (with the rest of the input, or none) until nothing more comes out.</summary>
    Ok,
    /// <summary>The compressed stream ended; <c>consumed</c> stops exactly at its end.</summary>
    StreamEnd,
    /// <summary>The input is not a valid stream; <see cref="IStreamDecoder.Error"/> says why.</summary>
    Error,
}

/// <summary>
/// Incremental decompression of one compressed stream that arrives in pieces of any size (a TCP connection's
/// reads). Output comes in chunks of at most <see cref="ChunkSize"/> bytes held by the decoder, so memory stays
/// bounded whatever the expansion. Not thread-safe; one owner at a time.
/// </summary>
public interface IStreamDecoder : IDisposable
{
    /// <summary>The largest output one call returns.</summary>
    int ChunkSize { get; }

    /// <summary>
    /// Decodes from <paramref name="input"/>. <paramref name="consumed"/> bytes of it were taken;
    /// <paramref name="output"/> is what came out (valid until the next call). When a call returns
    /// <see cref="DecodeStatus.Ok"/> with no output and all input consumed, the decoder waits for more input.
    /// </summary>
    DecodeStatus Decode(ReadOnlySpan<byte> input, out int consumed, out ReadOnlySpan<byte> output);

    /// <summary>True once the stream ended; any byte after that is data after the end.</summary>
    bool Finished { get; }

    /// <summary>After <see cref="DecodeStatus.StreamEnd"/>: bytes past the end were already read along with the stream's last bits.</summary>
    bool HasTrailingData { get; }

    /// <summary>Why the last call returned <see cref="DecodeStatus.Error"/>.</summary>
    string? Error { get; }
}
