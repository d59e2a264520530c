using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Actions;

/// <summary>
/// A test output that can be told to fail: down (commits and resume attempts report Suspended), failing the
/// next N commits, rejecting messages that contain a marker (DataFail), or disabling itself. It records every
/// call and what it delivered, and on which thread. Thread-safe.
/// </summary>
internal sealed class ControllableOutput : OutputInstance
{
    private readonly object _lock = new();
    private readonly List<string> _delivered = new();
    private readonly List<string> _deliveryThreads = new();
    private bool _down;
    private int _failNext;

    /// <summary>Whether TryResume reports Ok even while down (what rsyslog's omfile does).</summary>
    public bool ResumeAlwaysOk { get; set; }

    /// <summary>Messages containing this text are rejected for good (DataFail).</summary>
    public string? RejectMarker { get; set; }

    /// <summary>When set, a commit reports Disabled.</summary>
    public bool DisableOnCommit { get; set; }

    /// <summary>Called (outside the lock) at every commit, before the result is decided; lets a test change state.</summary>
    public Action<int>? OnCommit { get; set; }

    public bool Down
    {
        get { lock (_lock) return _down; }
        set { lock (_lock) _down = value; }
    }

    public void FailNextCommits(int n)
    {
        lock (_lock) _failNext = n;
    }

    public int Commits { get; private set; }
    public int TryResumes { get; private set; }
    public List<int> CommitSizes { get; } = new();

    public IReadOnlyList<string> Delivered
    {
        get { lock (_lock) return _delivered.ToArray(); }
    }

    public IReadOnlyList<string> DeliveryThreads
    {
        get { lock (_lock) return _deliveryThreads.ToArray(); }
    }

    public override OutputTransaction CreateTransaction() => new Tx(this);

    private ActionResult Commit(List<string> lines)
    {
        int n;
        lock (_lock) n = ++Commits;
        OnCommit?.Invoke(n);
        lock (_lock)
        {
            CommitSizes.Add(lines.Count);
            if (DisableOnCommit) return ActionResult.Disabled;
            if (_down) return ActionResult.Suspended;
            if (_failNext > 0)
            {
                _failNext--;
                return ActionResult.Suspended;
            }
            if (RejectMarker is { } marker && lines.Exists(l => l.Contains(marker, StringComparison.Ordinal))) return ActionResult.DataFail;
            _delivered.AddRange(lines);
            foreach (var _ in lines) _deliveryThreads.Add(Thread.CurrentThread.Name ?? "");
            return ActionResult.Ok;
        }
    }

    public override ActionResult TryResume()
    {
        lock (_lock)
        {
            TryResumes++;
            return ResumeAlwaysOk || !_down ? ActionResult.Ok : ActionResult.Suspended;
        }
    }

    private sealed class Tx : OutputTransaction
    {
        private readonly ControllableOutput _output;
        private readonly List<string> _lines = new();

        public Tx(ControllableOutput output) => _output = output;

        public override ActionResult Add(Message message, in RenderContext context)
        {
            _lines.Add(Encoding.UTF8.GetString(message.Raw));
            return ActionResult.Ok;
        }

        public override ActionResult Commit()
        {
            var result = _output.Commit(_lines);
            _lines.Clear();
            return result;
        }

        public override void Discard() => _lines.Clear();
    }
}

/// <summary>Renders the raw message and a newline (template0 of the error file).</summary>
internal sealed class RawLineTemplate : Template
{
    public RawLineTemplate() : base("raw") { }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        destination.Append(message.Raw);
        destination.Append((byte)'\n');
    }
}
