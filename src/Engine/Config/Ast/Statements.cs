namespace Sluice.Engine.Config.Ast;

/// <summary>A RainerScript statement (grammar.y stmt / s_act).</summary>
public abstract class StatementNode : ConfigItem
{
    protected StatementNode(SourceLocation location) : base(location) { }
}

/// <summary>action(type=… …).</summary>
public sealed class ActionNode : StatementNode
{
    public ActionNode(IReadOnlyList<ParameterNode> parameters, SourceLocation location) : base(location) => Parameters = parameters;

    public IReadOnlyList<ParameterNode> Parameters { get; }
}

/// <summary>A legacy action: "/var/log/x;Tpl", "-/file", "@host", "~", ":omusrmsg:root" …</summary>
public sealed class LegacyActionNode : StatementNode
{
    public LegacyActionNode(RawText text, SourceLocation location) : base(location) => Text = text;

    public RawText Text { get; }
}

public sealed class StopNode : StatementNode
{
    public StopNode(SourceLocation location) : base(location) { }
}

public sealed class ContinueNode : StatementNode
{
    public ContinueNode(SourceLocation location) : base(location) { }
}

/// <summary>call NAME.</summary>
public sealed class CallNode : StatementNode
{
    public CallNode(string rulesetName, SourceLocation location) : base(location) => RulesetName = rulesetName;

    public string RulesetName { get; }
}

/// <summary>call_indirect EXPR;</summary>
public sealed class CallIndirectNode : StatementNode
{
    public CallIndirectNode(ExpressionNode ruleset, SourceLocation location) : base(location) => Ruleset = ruleset;

    public ExpressionNode Ruleset { get; }
}

/// <summary>if EXPR then BLOCK [else BLOCK]; "else if" is an <see cref="IfNode"/> as the else block.</summary>
public sealed class IfNode : StatementNode
{
    public IfNode(ExpressionNode condition, IReadOnlyList<StatementNode> then, IReadOnlyList<StatementNode>? otherwise, SourceLocation location)
        : base(location)
    {
        Condition = condition;
        Then = then;
        Else = otherwise;
    }

    public ExpressionNode Condition { get; }
    public IReadOnlyList<StatementNode> Then { get; }
    public IReadOnlyList<StatementNode>? Else { get; }
}

/// <summary>foreach ($.i in EXPR) do BLOCK.</summary>
public sealed class ForeachNode : StatementNode
{
    public ForeachNode(string variable, ExpressionNode collection, IReadOnlyList<StatementNode> body, SourceLocation location)
        : base(location)
    {
        Variable = variable;
        Collection = collection;
        Body = body;
    }

    /// <summary>The loop variable without '$' (e.g. ".i").</summary>
    public string Variable { get; }
    public ExpressionNode Collection { get; }
    public IReadOnlyList<StatementNode> Body { get; }
}

/// <summary>set VAR = EXPR; or reset VAR = EXPR;</summary>
public sealed class SetNode : StatementNode
{
    public SetNode(string variable, ExpressionNode value, bool isReset, SourceLocation location) : base(location)
    {
        Variable = variable;
        Value = value;
        IsReset = isReset;
    }

    public string Variable { get; }
    public ExpressionNode Value { get; }
    public bool IsReset { get; }
}

/// <summary>unset VAR;</summary>
public sealed class UnsetNode : StatementNode
{
    public UnsetNode(string variable, SourceLocation location) : base(location) => Variable = variable;

    public string Variable { get; }
}

/// <summary>A legacy selector guarding a block: "mail.info;auth.none /var/log/x".</summary>
public sealed class PriFilterNode : StatementNode
{
    public PriFilterNode(RawText selector, IReadOnlyList<StatementNode> body, SourceLocation location) : base(location)
    {
        Selector = selector;
        Body = body;
    }

    public RawText Selector { get; }
    public IReadOnlyList<StatementNode> Body { get; }
}

/// <summary>A property filter guarding a block: ':msg, contains, "error" /var/log/x'.</summary>
public sealed class PropertyFilterNode : StatementNode
{
    public PropertyFilterNode(RawText filter, IReadOnlyList<StatementNode> body, SourceLocation location) : base(location)
    {
        Filter = filter;
        Body = body;
    }

    public RawText Filter { get; }
    public IReadOnlyList<StatementNode> Body { get; }
}

/// <summary>reload_lookup_table("table" [, "stub value"]).</summary>
public sealed class ReloadLookupTableNode : StatementNode
{
    public ReloadLookupTableNode(IReadOnlyList<StringValue> arguments, SourceLocation location) : base(location) => Arguments = arguments;

    public IReadOnlyList<StringValue> Arguments { get; }
}

/// <summary>include(file=… / text=… …).</summary>
public sealed class IncludeNode : StatementNode
{
    public IncludeNode(IReadOnlyList<ParameterNode> parameters, SourceLocation location) : base(location) => Parameters = parameters;

    public IReadOnlyList<ParameterNode> Parameters { get; }
}
