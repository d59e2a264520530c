namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// The variables of one message: its JSON tree <c>$!</c> and its local variables <c>$.</c>.
/// <para><b>Design.</b></para>
/// <list type="bullet">
/// <item><b>Values</b> are <see cref="JsonNode"/>s — null, boolean, int64, double (kept with its source text),
///   string (UTF-8 bytes), object (members in insertion order, removed members leave a hole the next new member
///   fills), array — which is exactly what libfastjson stores for rsyslog. Member names compare case-insensitively
///   like rsyslog 8.2302's (see <see cref="JsonKeys"/>).</item>
/// <item><b>Paths</b> are compiled once (<see cref="VariablePath"/>); the operations and their rsyslog quirks live
///   in <see cref="VariableTree"/>, rendering in <see cref="JsonWriter"/> (byte-identical to %$!%), parsing in
///   <see cref="JsonReader"/>.</item>
/// <item><b>Cost</b>: a message that never touches a variable pays one null field (<see cref="Message.Variables"/>
///   is created on the first write). When a pooled message is reused its <see cref="MessageVariables"/> stays
///   attached and is only cleared: the nodes, their buffers and the tree objects are recycled through this
///   instance's <see cref="JsonNodePool"/>, so a steady stream of messages that set the same variables stops
///   allocating.</item>
/// <item><b>Lifetime of values read during an evaluation</b>: a node replaced or removed while the message is
///   processed is only recycled when the message is cleared, so a value an expression is still holding (a string
///   span, a subtree) stays valid even if the same expression changes the tree (parse_json()).</item>
/// <item><b>Threads</b>: the trees belong to the thread that runs the message through its ruleset (rsyslog takes the
///   message mutex for this; Sluice has one writer per message at a time, so no lock). The global tree
///   <c>$/</c> is shared and locked: <see cref="GlobalVariables"/>.</item>
/// </list>
/// </summary>
public sealed class MessageVariables
{
    public MessageVariables()
    {
        Pool = new JsonNodePool();
        Tree = new VariableTree(Pool, deferRelease: true);
        Locals = new VariableTree(Pool, deferRelease: true);
    }

    /// <summary>Where this message's variable nodes come from (values to store must be made of these).</summary>
    public JsonNodePool Pool { get; }

    /// <summary><c>$!</c>.</summary>
    public VariableTree Tree { get; }

    /// <summary><c>$.</c>.</summary>
    public VariableTree Locals { get; }

    /// <summary>True when neither tree holds anything.</summary>
    public bool IsEmpty => Tree.Root is null && Locals.Root is null;

    /// <summary>The tree for <see cref="VariableScope.Message"/> or <see cref="VariableScope.Local"/>.</summary>
    public VariableTree For(VariableScope scope) => scope switch
    {
        VariableScope.Message => Tree,
        VariableScope.Local => Locals,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "global variables are not part of a message"),
    };

    /// <summary>
    /// Appends the variable as a template renders %$!path% or %$.path%: a string as it is, any other value as JSON,
    /// nothing when absent. Global paths are rendered by <see cref="GlobalVariables.Render"/>.
    /// </summary>
    public void Render(VariablePath path, Templates.ByteBuffer dest)
    {
        if (For(path.Scope).Find(path) is { } node) JsonWriter.WriteValue(dest, node);
    }

    /// <summary>
    /// Parses <paramref name="json"/> (json-c's rules) and adds it at <paramref name="path"/> as set does — what
    /// parse_json() and mmjsonparse need. False, with nothing changed, when the text is not JSON.
    /// </summary>
    public bool AddJson(VariablePath path, ReadOnlySpan<byte> json)
    {
        var node = JsonReader.Parse(json, Pool);
        if (node is null) return false;
        For(path.Scope).Set(path, node, reset: false);
        return true;
    }

    /// <summary>Empties both trees for the next use of the message; everything goes back to <see cref="Pool"/>.</summary>
    public void Clear()
    {
        Tree.Clear();
        Locals.Clear();
    }
}
