using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Properties;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>$msg, $hostname …: the property as a template renders it, written to the scratch buffer.</summary>
public sealed class PropertyRead : Expr
{
    public PropertyRead(PropertyId id, string name)
    {
        Id = id;
        Name = name;
    }

    public PropertyId Id { get; }

    /// <summary>The name as written (rsyslog's optimizer compares it case-sensitively).</summary>
    public string Name { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        int mark = context.Scratch.Length;
        PropertyWriter.Append(context.Scratch, Id, message, context.Render);
        return ScriptValue.FromString(context.Since(mark));
    }
}

/// <summary>$!path, $.path, $/path: strings as strings, other JSON as JSON, absent (or JSON null) as "".</summary>
public sealed class VariableRead : Expr
{
    public VariableRead(VariablePath path) => Path = path;

    public VariablePath Path { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        if (Path.Scope == VariableScope.Global)
        {
            int mark = context.Scratch.Length;
            var kind = context.Globals.Read(Path, context.Scratch, context.Nodes, out var copy);
            if (kind == JsonKind.String) return ScriptValue.FromString(context.Since(mark));
            return copy is null ? ScriptValue.Empty : ScriptValue.FromNode(context.Track(copy));
        }
        return ScriptValue.FromNode(message.Variables?.For(Path.Scope).Find(Path));
    }
}

/// <summary>exists($!path): 1 when the variable is there (and not a JSON null). Properties never "exist".</summary>
public sealed class VariableExists : Expr
{
    public VariableExists(VariablePath? path) => Path = path;

    public VariablePath? Path { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        if (Path is null) return ScriptValue.FromNumber(0);
        bool exists = Path.Scope == VariableScope.Global
            ? context.Globals.Exists(Path)
            : message.Variables?.For(Path.Scope).Exists(Path) == true;
        return ScriptValue.FromBool(exists);
    }
}
