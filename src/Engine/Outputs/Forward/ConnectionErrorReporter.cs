using Sluice.Engine.Diagnostics;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// The "remote server closed the connection" error of omfwd.c TCPSendBufUncompressed, thinned by conErrSkip:
/// with a skip factor N &gt; 1 only every Nth occurrence is logged, saying how many will be skipped. rsyslog
/// counts occurrences process-wide; Sluice counts per action, so one noisy target cannot mute another.
/// </summary>
internal sealed class ConnectionErrorReporter
{
    private readonly IInternalLog _log;
    private readonly string _target;
    private readonly string _port;
    private readonly int _skip;
    private long _count;

    public ConnectionErrorReporter(IInternalLog log, ForwardSettings settings)
    {
        _log = log;
        _target = settings.Target;
        _port = settings.PortText;
        _skip = settings.ConErrSkip;
    }

    public void RemoteClosed()
    {
        const string Text = "omfwd: remote server at {0}:{1} seems to have closed connection. This often happens when the remote peer " +
            "(or an interim system like a load balancer or firewall) shuts down or aborts a connection. Rsyslog will re-open the " +
            "connection if configured to do so (we saw a generic IO Error, which usually goes along with that behaviour).";
        if (_skip <= 1)
            _log.Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, _target, _port));
        else if (_count++ % _skip == 0)
            _log.Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, _target, _port) +
                $" Note that the next {_skip - 1} connection error messages will be skipped.");
    }
}
