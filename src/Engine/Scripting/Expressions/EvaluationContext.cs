using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// Per-worker state for evaluating expressions (rsyslog's wti_t): the scratch buffer strings are built in, copies of
/// global variables, script_error()'s value and the action state. One per queue worker thread, reused for every
/// message; not thread-safe. Each top-level evaluation starts by recycling what the previous one produced.
/// </summary>
public sealed class EvaluationContext
{
    private readonly List<JsonNode> _copies = new();
    private ulong _random;

    public EvaluationContext(GlobalVariables globals)
    {
        Globals = globals;
        _random = (ulong)Environment.TickCount64 * 0x9E3779B97F4A7C15UL | 1;
    }

    /// <summary>The configuration's <c>$/</c> variables.</summary>
    public GlobalVariables Globals { get; }

    /// <summary>Time and local host name for $now, $year … (set once per batch, as for templates).</summary>
    public RenderContext Render { get; set; } = new(default, []);

    /// <summary>Where previous_action_suspended() looks; null means "not suspended".</summary>
    public IActionState? Actions { get; set; }

    /// <summary>
    /// script_error(): set by parse_json(), parse_time(), is_time() and get_property() (0 = ok, 1 = invalid input), and
    /// kept until one of them runs again on this worker — as rsyslog's per-thread errno.
    /// </summary>
    public int ScriptError { get; set; }

    /// <summary>Strings built during the current evaluation.</summary>
    internal ByteBuffer Scratch { get; } = new(256);

    /// <summary>Nodes made during the current evaluation (copies of global variables, parsed values).</summary>
    internal JsonNodePool Nodes { get; } = new();

    /// <summary>Recycles what the previous evaluation made; the values it returned are invalid afterwards.</summary>
    internal void BeginEvaluation()
    {
        Scratch.Clear();
        foreach (var node in _copies) Nodes.Return(node);
        _copies.Clear();
    }

    /// <summary>Keeps a node made by <see cref="Nodes"/> until the next evaluation.</summary>
    internal JsonNode Track(JsonNode node)
    {
        _copies.Add(node);
        return node;
    }

    /// <summary>The scratch bytes written since <paramref name="mark"/> (a previous <see cref="ByteBuffer.Length"/>).</summary>
    internal ReadOnlySpan<byte> Since(int mark) => Scratch.WrittenSpan[mark..];

    /// <summary>A pseudo-random number in [0, 2^63) (xorshift64*).</summary>
    internal long NextRandom()
    {
        _random ^= _random >> 12;
        _random ^= _random << 25;
        _random ^= _random >> 27;
        return (long)((_random * 0x2545F4914F6CDD1DUL) >> 1);
    }
}
