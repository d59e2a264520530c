using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Submit;

namespace Sluice.Tests.Inputs.Tcp;

/// <summary>One submitted message as the test sees it (copied out; the message itself is released).</summary>
public sealed record ReceivedMessage(string Raw, string FromHost, string FromHostIp, string FromHostPort,
    MessageFlags Flags, InputInfo Input, SyslogTime TimeGenerated, FlowControl Flow);

/// <summary>
/// Takes ownership of each batch like the real submitter: copies what the test checks, releases the
/// messages and clears the batch. Messages whose raw text starts with <see cref="CountOnlyPrefix"/> are only
/// counted (floods would otherwise cost a string each).
/// </summary>
public sealed class RecordingSubmitter : IMessageSubmitter
{
    private readonly object _lock = new();
    private readonly List<ReceivedMessage> _messages = new();
    private long _counted;
    private int _batches;

    public byte[]? CountOnlyPrefix { get; init; }
    /// <summary>When a message's raw text equals this, Submit throws (to test broken-session handling).</summary>
    public string? ThrowOn { get; init; }

    public void Submit(MessageBatch batch, FlowControl flowControl)
    {
        var items = batch.AsSpan();
        bool boom = false;
        lock (_lock)
        {
            _batches++;
            foreach (var m in items)
            {
                if (CountOnlyPrefix != null && m.Raw.StartsWith(CountOnlyPrefix))
                {
                    _counted++;
                }
                else
                {
                    string raw = Encoding.UTF8.GetString(m.Raw);
                    if (raw == ThrowOn) boom = true;
                    _messages.Add(new ReceivedMessage(raw,
                        Encoding.UTF8.GetString(m.Peer.FromHost), Encoding.UTF8.GetString(m.Peer.FromHostIp),
                        Encoding.UTF8.GetString(m.Peer.FromHostPort), m.Flags, m.Input, m.TimeGenerated, flowControl));
                }
            }
        }
        foreach (var m in items) m.Release();
        batch.Clear();
        if (boom) throw new InvalidOperationException("submitter failure requested by the test");
    }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get { lock (_lock) return _messages.ToArray(); }
    }

    public int Count
    {
        get { lock (_lock) return _messages.Count; }
    }

    public long CountedOnly => Interlocked.Read(ref _counted);

    public int Batches
    {
        get { lock (_lock) return _batches; }
    }

    public List<string> RawFrom(string fromHostPort)
    {
        var list = new List<string>();
        lock (_lock)
            foreach (var m in _messages)
                if (m.FromHostPort == fromHostPort) list.Add(m.Raw);
        return list;
    }

    public bool Contains(string raw)
    {
        lock (_lock)
            foreach (var m in _messages)
                if (m.Raw == raw) return true;
        return false;
    }
}
