using Sluice.Engine.Messages;
using Sluice.Engine.Parsing;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Submit;

/// <summary>
/// The one submit path: parses each message on the input's own thread (so parsing scales with the input
/// workers), then enqueues the batch into the main queue with the input's flow-control type.
/// </summary>
public sealed class Submitter : IMessageSubmitter
{
    [ThreadStatic] private static SyslogParser? t_parser;
    [ThreadStatic] private static GlobalSettings? t_parserSettings;

    private readonly MessageQueue _queue;
    private readonly GlobalSettings _globals;

    public Submitter(MessageQueue queue, GlobalSettings globals)
    {
        _queue = queue;
        _globals = globals;
    }

    public void Submit(MessageBatch batch, FlowControl flowControl) => Submit(batch, flowControl, mayBlock: true);

    /// <summary>With mayBlock false a full queue drops (counted) rather than waits: for internal messages.</summary>
    public void Submit(MessageBatch batch, FlowControl flowControl, bool mayBlock)
    {
        Parse(batch.AsSpan());
        _queue.EnqueueBatch(batch, flowControl, mayBlock);
    }

    /// <summary>Parses the messages that still need it, on the calling thread (for steps that look at parsed fields before submitting).</summary>
    public void Parse(ReadOnlySpan<Message> items)
    {
        var parser = ParserForThisThread();
        for (int i = 0; i < items.Length; i++)
        {
            var m = items[i];
            if ((m.Flags & MessageFlags.NeedsParsing) != 0) parser.Parse(m);
        }
    }

    private SyslogParser ParserForThisThread()
    {
        // A parser owns scratch space, so each thread gets its own.
        if (t_parser is null || !ReferenceEquals(t_parserSettings, _globals))
        {
            t_parser = new SyslogParser(_globals);
            t_parserSettings = _globals;
        }
        return t_parser;
    }
}
