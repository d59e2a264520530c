using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// omusrmsg (tools/omusrmsg.c): writes each message to the terminals of logged-in users found in utmp. Delivery
/// never fails and never retries, as in rsyslog: a terminal that is gone, not writable or full is skipped.
/// rsyslog built with libsystemd asks logind for sessions instead of reading utmp when booted with systemd;
/// Sluice always reads utmp (logind sessions on a tty are in utmp as well).
/// </summary>
public sealed class UserMessageOutput : OutputInstance
{
    public UserMessageOutput(Recipients recipients, Template template, string utmpPath)
    {
        Recipients = recipients;
        Template = template;
        UtmpPath = utmpPath;
    }

    public Recipients Recipients { get; }
    public Template Template { get; }
    public string UtmpPath { get; }

    public override OutputTransaction CreateTransaction() => new UserMessageTransaction(this);
}
