using System.Buffers.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Submit;

/// <summary>
/// $RepeatedMsgReduction on: rsyslogd 8.2302 does it in the input's rate limiter (runtime/ratelimit.c
/// doLastMessageRepeatedNTimes), one per listener and shared by its sessions and threads, so it applies to every
/// action alike (checked against the installed binary: a RainerScript action() is reduced as much as a selector line,
/// and the directive's position in the file does not matter). A message whose MSG, HOSTNAME, PROCID and APP-NAME equal
/// the previous one's is held back and counted; the next different message first releases what was held: after one
/// repeat the repeat itself, after n &gt; 1 a copy of the last repeat whose MSG is
/// " message repeated n times: [MSG]" (MSG cut to 800 bytes). What is still held when the input stops is released
/// the same way. Only built when the directive is on, so an engine without it pays nothing.
/// </summary>
public sealed class RepeatedMessageReducer : IMessageSubmitter
{
    private const int MaxQuoted = 800; // rsyslog's "%.800s"

    [ThreadStatic] private static MessageBatch? t_out;

    private readonly object _lock = new();
    private readonly Submitter _parser;
    private readonly IMessageSubmitter _next;
    private readonly MessagePool _pool;
    private Message? _held;     // the last message seen (one reference owned here)
    private int _suppressed;    // repeats of _held dropped so far

    public RepeatedMessageReducer(Submitter parser, IMessageSubmitter next, MessagePool pool)
    {
        _parser = parser;
        _next = next;
        _pool = pool;
    }

    public void Submit(MessageBatch batch, FlowControl flowControl)
    {
        var items = batch.AsSpan();
        if (items.Length == 0) return;
        _parser.Parse(items); // the comparison needs the parsed fields
        // Each message released from hold follows at least one dropped one, so the batch grows by one at most.
        var output = t_out;
        if (output is null || output.Capacity < items.Length + 1) t_out = output = new MessageBatch(items.Length + 1);
        lock (_lock)
        {
            for (int i = 0; i < items.Length; i++)
            {
                var m = items[i];
                if (_held is { } held && SameMessage(m, held))
                {
                    _suppressed++;
                    held.Release();
                    _held = m; // the newest repeat is kept: its timestamp goes into the summary
                    continue;
                }
                ReleaseHeld(output);
                m.AddRef();
                _held = m;
                output.Add(m);
            }
        }
        batch.Clear();
        if (output.Count > 0) _next.Submit(output, flowControl);
        output.Clear();
    }

    /// <summary>The input stopped: submit what is still held back (rsyslog's ratelimitDestruct).</summary>
    public void Flush(FlowControl flowControl)
    {
        var output = new MessageBatch(1);
        lock (_lock) ReleaseHeld(output);
        if (output.Count > 0) _next.Submit(output, flowControl);
    }

    private void ReleaseHeld(MessageBatch output)
    {
        if (_held is not { } held) return;
        _held = null;
        int n = _suppressed;
        _suppressed = 0;
        if (n == 0) held.Release();
        else if (n == 1) output.Add(held); // our reference moves into the batch
        else
        {
            output.Add(Summary(held, n));
            held.Release();
        }
    }

    private Message Summary(Message last, int count)
    {
        var copy = MessageCopy.Duplicate(last, _pool);
        ReadOnlySpan<byte> msg = last.Slice(last.Msg);
        if (msg.Length > MaxQuoted) msg = msg[..MaxQuoted];
        ReadOnlySpan<byte> head = " message repeated "u8, mid = " times: ["u8;
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(count, digits, out int nDigits);
        var text = copy.AppendDerived(head.Length + nDigits + mid.Length + msg.Length + 1, out var range);
        head.CopyTo(text);
        digits[..nDigits].CopyTo(text[head.Length..]);
        mid.CopyTo(text[(head.Length + nDigits)..]);
        msg.CopyTo(text[(head.Length + nDigits + mid.Length)..]);
        text[^1] = (byte)']';
        copy.Msg = range;
        return copy;
    }

    private static bool SameMessage(Message a, Message b) =>
        a.Slice(a.Msg).SequenceEqual(b.Slice(b.Msg))
        && a.HostnameOrFromHost.SequenceEqual(b.HostnameOrFromHost)
        && MessageFields.ProcId(a).SequenceEqual(MessageFields.ProcId(b))
        && a.Slice(a.AppName).SequenceEqual(b.Slice(b.AppName));
}
