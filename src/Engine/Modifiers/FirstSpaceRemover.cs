using Sluice.Engine.Messages;

namespace Sluice.Engine.Modifiers;

/// <summary>
/// mmrm1stspace: removes the first character of MSG when it is a space (the one RFC 3164 puts after the tag).
/// <para>
/// Exactly as rsyslog's plugins/mmrm1stspace does it, checked against rsyslogd 8.2302: MSG is moved one byte to the
/// left inside the raw message and its length shortened (setMSGLen), which leaves a NUL byte where MSG's last byte
/// was and the raw message's length unchanged. So %rawmsg% afterwards ends with that NUL, as rsyslog's does.
/// </para>
/// </summary>
public sealed class FirstSpaceRemover : MessageModifier
{
    public static readonly FirstSpaceRemover Instance = new();

    public override void Modify(Message message)
    {
        var range = message.Msg;
        if (range.Length <= 0 || message.Buffer[range.Start] != (byte)' ') return;
        var buffer = message.Buffer.AsSpan(range.Start, range.Length);
        buffer.Slice(1).CopyTo(buffer);
        buffer[^1] = 0;
        message.Msg = new TextRange(range.Start, range.Length - 1);
    }
}
