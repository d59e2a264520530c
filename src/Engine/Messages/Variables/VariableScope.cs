namespace Sluice.Engine.Messages.Variables;

/// <summary>rsyslog's three variable trees.</summary>
public enum VariableScope : byte
{
    /// <summary><c>$!</c>: the message's JSON tree ("CEE"), part of the message (serialized with it, rendered by %$!%).</summary>
    Message,
    /// <summary><c>$.</c>: local variables of one message, not part of $!.</summary>
    Local,
    /// <summary><c>$/</c>: global variables shared by all messages (rsyslog guards them with one mutex).</summary>
    Global,
}
