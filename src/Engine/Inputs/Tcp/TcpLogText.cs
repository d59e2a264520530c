using Sluice.Native;

namespace Sluice.Engine.Inputs.Tcp;

/// <summary>
/// rsyslog's imtcp/tcpsrv/tcps_sess message texts, word for word, so that log-watching tools and tests
/// written against rsyslog keep matching. Cold path: only on errors and connection events.
/// Followed: the current rsyslog (8.2508+, the version whose worker pool, starvation protection and TLS
/// probe Sluice implements), which names the peer's port ("(port) %s", "%s:%s"). The installed 8.2302
/// prints the same texts without the port and has no TLS probe; those differences are deliberate.
/// </summary>
internal static class TcpLogText
{
    public const int RsRetMaxSessReached = -2079;   // RS_RET_MAX_SESS_REACHED
    public const int RsRetAcceptErr = -2106;        // RS_RET_ACCEPT_ERR

    public const string TooManySessions = "too many tcp sessions - dropping incoming request";
    public const string Port0WithoutPortFile = "imtcp: port 0 and no port file set -> using port 514 instead";

    public static string ListenerFailed(string inputName, string connInfo, int code) =>
        $"tcpsrv listener (inputname: '{inputName}') failed to process incoming connection {connInfo} with error {code}";

    public static string ConnInfo(string peerIp, string peerPort, string localIp, int localPort) =>
        $"from {peerIp}:{peerPort} to {localIp}:{localPort}";

    public static string AcceptError(int listenFd, Errno errno) =>
        $"nsd_ptcp: error accepting connection on socket {listenFd}, errno {(int)errno}: {NativeException.Describe(errno)}";

    public static string ConnectionEstablished(string host, string ip, string port) =>
        $"imtcp: connection established with host: {host} ({ip}:{port})";

    public static string ClosedByRemotePeer(string session, string ip, string port) =>
        $"Netstream session {session} closed by remote peer {ip}:{port}.";

    public static string TearingDown(string ip, string port) => $"Tearing down TCP Session from {ip}:{port}";

    public static string ClosedDueToError(string session, string ip, string port, Errno errno) =>
        $"netstream session {session} from {ip}:{port} will be closed due to error: {NativeException.Describe(errno)}";

    public static string EpollErr(string session, string ip, string port) =>
        $"epoll subsystem signaled EPOLLERR for stream {session}, peer {ip}:{port}";

    public static string RearmFailed(int fd, Errno errno) =>
        $"epoll_ctl failed re-arm socket {fd}: {NativeException.Describe(errno)}";

    public static string TlsHandshakeDetected(string host, string ip, string port) =>
        $"imtcp: TLS handshake detected from {host} ({ip}:{port}) but listener is not TLS-enabled. " +
        "Enable TLS on this listener or disable TLS on the client. " +
        "See https://www.rsyslog.com/doc/faq/imtcp-tls-gibberish.html for troubleshooting.";

    public static string DelimiterNotSpace(string input, string host, string ip, string port, int value) =>
        $"imtcp {input}: Framing Error in received TCP message from peer: (hostname) {host}, (ip) {ip}, (port) {port}: " +
        $"delimiter is not SP but has ASCII value {value}.";

    public static string InvalidOctetCount(string input, string host, string ip, string port, int value) =>
        $"imtcp {input}: Framing Error in received TCP message from peer: (hostname) {host}, (ip) {ip}, (port) {port}: " +
        $"invalid octet count {value}.";

    public static string OversizeMessage(string input, string host, string ip, string port, int value, int maxMessageSize) =>
        $"imtcp {input}: received oversize message from peer: (hostname) {host}, (ip) {ip}, (port) {port}: " +
        $"size is {value} bytes, max msg size is {maxMessageSize}, truncating...";

    public static string FrameTooLarge(string input, string host, string ip, string port, int value) =>
        $"imtcp {input}: Framing Error in received TCP message from peer: (hostname) {host}, (ip) {ip}, (port) {port}: " +
        $"frame too large: {value}, change to octet stuffing";

    /// <summary>Sluice's own: said once per session after <paramref name="logged"/> framing errors.</summary>
    public static string FramingErrorsSuppressed(string input, string host, string ip, string port, int logged) =>
        $"imtcp {input}: more framing errors from peer: (hostname) {host}, (ip) {ip}, (port) {port}; " +
        $"after {logged} the rest of this session's framing errors are not logged";

    public static string IncompleteFrameAtClose(string session) =>
        $"Incomplete frame at end of stream in session {session} - ignoring extra data (a message may be lost).";

    public static string CouldNotCreateListener(string port, string? address, string reason) =>
        $"Could not create tcp listener, ignoring port {port} bind-address {address ?? "**UNSPECIFIED**"}. ({reason})";

    public static string SessionBroken(string ip, string port, Exception ex) =>
        $"imtcp: session from {ip}:{port} failed and is closed: {ex.GetType().Name}: {ex.Message}";

    public static string BindFailed(string address, Errno errno) =>
        $"Error while binding tcp socket {address}: {NativeException.Describe(errno)}";

    public static string KeepAliveFailed(string what, Errno errno) =>
        $"imptcp cannot set keepalive {what} - ignored: {NativeException.Describe(errno)}"; // sic: rsyslog's nsd_ptcp text
}
