using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// Stores values into variables as rsyslog's set does (msgSetJSONFromVar): a number becomes a JSON integer, a
/// string a JSON string (cut at its first NUL byte, as rsyslog passes it on as a C string), a JSON value a deep
/// copy. The tree's own rules (<see cref="VariableTree"/>) then apply.
/// </summary>
public static class VariableStore
{
    public static void Store(Message message, EvaluationContext context, VariablePath path, in ScriptValue value, bool reset)
    {
        if (path.Scope == VariableScope.Global)
        {
            switch (value.Kind)
            {
                case ScriptValueKind.Number: context.Globals.SetInteger(path, value.Number, reset); break;
                case ScriptValueKind.String: context.Globals.SetString(path, CString(value.Text), reset); break;
                default: context.Globals.Set(path, value.Json!, reset); break;
            }
            return;
        }
        var variables = message.GetOrCreateVariables();
        var pool = variables.Pool;
        var node = value.Kind switch
        {
            ScriptValueKind.Number => pool.RentInteger(value.Number),
            ScriptValueKind.String => pool.RentString(CString(value.Text)),
            _ => pool.DeepCopy(value.Json!),
        };
        variables.For(path.Scope).Set(path, node, reset);
    }

    /// <summary>
    /// Adds a parsed value (made of <paramref name="pool"/>'s nodes, owned by the caller's pool) without reset, as
    /// parse_json() does: message trees take the nodes when the pool is theirs, anything else is copied.
    /// </summary>
    public static void StoreParsed(Message message, EvaluationContext context, VariablePath path, JsonNode value, JsonNodePool pool)
    {
        if (path.Scope == VariableScope.Global)
        {
            context.Globals.Set(path, value, reset: false);
            pool.Return(value);
            return;
        }
        var variables = message.GetOrCreateVariables();
        var node = ReferenceEquals(pool, variables.Pool) ? value : variables.Pool.DeepCopy(value);
        if (!ReferenceEquals(node, value)) pool.Return(value);
        variables.For(path.Scope).Set(path, node, reset: false);
    }

    /// <summary>unset: removes the variable (or the whole tree).</summary>
    public static void Remove(Message message, EvaluationContext context, VariablePath path)
    {
        if (path.Scope == VariableScope.Global) context.Globals.Unset(path);
        else message.Variables?.For(path.Scope).Unset(path);
    }

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }
}
