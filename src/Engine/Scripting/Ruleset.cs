using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Queues;

namespace Sluice.Engine.Scripting;

/// <summary>A named list of statements (rsyslog ruleset). The default one is RSYSLOG_DefaultRuleset.</summary>
public sealed class Ruleset
{
    public const string DefaultName = "RSYSLOG_DefaultRuleset";

    public Ruleset(string name)
    {
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    /// <summary>The name as bytes, for call_indirect's lookup by an evaluated name.</summary>
    public byte[] NameUtf8 { get; }

    /// <summary>Filled by the config binder; immutable once the engine runs.</summary>
    public Statement[] Statements { get; set; } = Array.Empty<Statement>();

    /// <summary>
    /// queue.* of ruleset(): the ruleset has its own queue and workers (rsyslog's ruleset main queue); null when
    /// its messages are processed on the queue that delivers them.
    /// </summary>
    public QueueSettings? QueueSettings { get; set; }

    /// <summary>Where messages for this ruleset are queued while the engine runs (set at start when <see cref="QueueSettings"/> is).</summary>
    public IRulesetInbox? Inbox { get; set; }
}

/// <summary>A ruleset's own queue, as `call` sees it: it takes a copy of the message (rsyslog's execCall → MsgDup).</summary>
public interface IRulesetInbox
{
    void SubmitCopy(Message message);
}
