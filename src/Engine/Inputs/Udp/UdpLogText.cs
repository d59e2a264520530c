using Sluice.Native;

namespace Sluice.Engine.Inputs.Udp;

/// <summary>rsyslog's imudp / net.c message texts, word for word (as the installed 8.2302 prints them). Cold path.</summary>
internal static class UdpLogText
{
    public static string CouldNotCreateListener(string port, string? address) =>
        $"imudp: Could not create udp listener, ignoring port {port} bind-address {address ?? "(null)"}.";

    public const string NoListeners = "imudp: no listeners could be started, input not activated.";

    public static string ReceiveError(Errno errno) => $"imudp: error receiving on socket: {NativeException.Describe(errno)}";

    public static string SocketFailed(string what, string address, string port, Errno errno) =>
        $"imudp: {what} failed for {address} port {port}: {NativeException.Describe(errno)}";

    public static string RcvBufSize(int fd, int actual) => $"socket {fd}, actual os socket rcvbuf size {actual}";

    public static string RcvBufNotSet(int requested, int fd, int actualHalf) =>
        $"cannot set os socket rcvbuf size {requested} for socket {fd}, value now is {actualHalf}";

    public static string BoundIpFree(string? address) => $"bound address {address} IP free";

    public const string DeviceFailed = "create UDP socket bound to device failed";
}
