using System.Net.Sockets;
using System.Text;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Engine.Runtime;

namespace Sluice.Tests.Inputs.Tcp.Decompression;

/// <summary>Helpers for imtcp inputs with compression.mode="stream:always".</summary>
internal static class DecompressionKit
{
    public static TcpInputConfig Config(CompressionDriver driver = CompressionDriver.Zlib, long ratio = 1024,
        long perReceive = 64L << 20, long zstdWindows = 64L << 20, int workerThreads = 2) =>
        TcpTestKit.Config() with
        {
            WorkerThreads = workerThreads,
            Decompression = new DecompressionSettings
            {
                Enabled = true,
                Driver = driver,
                MaxExpansionRatio = ratio,
                MaxDecompressedBytesPerReceive = perReceive,
                MaxTotalZstdWindowBytes = zstdWindows,
            },
        };

    public static TcpTestKit Start(TcpInputConfig config, RecordingSubmitter? submitter = null, int maxMessageSize = 8096) =>
        new(config, submitter, new GlobalSettings { EnableDns = false, MaxMessageSize = maxMessageSize });

    public static long Listener(TcpTestKit kit, string counter) => kit.Counter(kit.Input.ListenerStats, counter);

    public static string[] Lines(byte[] text) =>
        Encoding.UTF8.GetString(text).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Sends everything, half-closes, and waits until the server has closed its side too.</summary>
    public static void SendAndClose(TcpTestKit kit, byte[] stream)
    {
        using var s = kit.Connect();
        TcpTestKit.SendAll(s, stream);
        s.Shutdown(SocketShutdown.Send);
        Assert.True(TcpTestKit.ServerClosed(s));
    }

    public static string Invalid(Socket s, string driver, string detail) =>
        $"imtcp: received invalid compressed stream from 127.0.0.1 (127.0.0.1:{TcpTestKit.LocalPort(s)}), driver={driver}: {detail}";

    public static string Truncated(Socket s, string driver) =>
        $"imtcp: detected truncated compressed stream from 127.0.0.1 (127.0.0.1:{TcpTestKit.LocalPort(s)}), driver={driver}: stream ended before trailer";
}
