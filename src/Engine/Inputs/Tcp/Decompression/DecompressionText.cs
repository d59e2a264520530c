namespace Sluice.Engine.Inputs.Tcp.Decompression;

/// <summary>
/// rsyslog's texts for a bad compressed stream (tcps_sess.c, 8.2606+). The detail after the driver is zlib's or
/// libzstd's own error text, or what Sluice saw (trailing data, a guard tripped). Cold path.
/// </summary>
internal static class DecompressionText
{
    public static string Invalid(string host, string ip, string port, string driver, string detail) =>
        $"imtcp: received invalid compressed stream from {host} ({ip}:{port}), driver={driver}: {detail}";

    public static string Truncated(string host, string ip, string port, string driver) =>
        $"imtcp: detected truncated compressed stream from {host} ({ip}:{port}), driver={driver}: stream ended before trailer";

    public static string DataAfterEnd(string driver) => $"data after end of {driver} stream";

    public static string PerReceiveLimit(long limit) =>
        $"decompressed data of one receive exceeds compression.maxDecompressedBytesPerReceive={limit}";

    public static string RatioLimit(long ratio) =>
        $"decompressed data exceeds compression.maxExpansionRatio={ratio} times the compressed data received";

    public const string NoProgress = "decoder made no progress";
}
