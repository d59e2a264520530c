using Sluice.Engine.Config.Ast;
using Sluice.Engine.Scripting;

namespace Sluice.Engine.Runtime;

public sealed partial class PlanBuilder
{
    /// <summary>
    /// Turns a statement into executable ones. What is not built yet is reported; the statements inside it
    /// are still checked so that their own errors are reported in the same run.
    /// </summary>
    private void BindStatement(StatementNode node, List<Statement> into)
    {
        switch (node)
        {
            case ActionNode a:
                var action = CreateAction(a);
                if (action is not null) into.Add(new ActionStatement(action));
                return;
            case LegacyActionNode l:
                BindLegacyAction(l, into);
                return;
            case StopNode:
                into.Add(StopStatement.Instance);
                return;
            case PriFilterNode f:
                var filter = PriSelector.Decode(f.Selector.Value, out var error, out int offset);
                if (filter is null) Error(f.Selector.LocationAt(offset), error!);
                var body = BindBlock(f.Body);
                if (filter is not null) into.Add(new FilterStatement(filter, body));
                return;
            case IfNode i:
                NotSupported(i.Location, "'if' statements are not supported yet");
                BindBlock(i.Then);
                if (i.Else is not null) BindBlock(i.Else);
                return;
            case ForeachNode fe:
                NotSupported(fe.Location, "'foreach' statements are not supported yet");
                BindBlock(fe.Body);
                return;
            case PropertyFilterNode pf:
                NotSupported(pf.Location, "property-based filters (':property, operation, \"value\"') are not supported yet");
                BindBlock(pf.Body);
                return;
            case SetNode s:
                NotSupported(s.Location, s.IsReset ? "'reset' statements are not supported yet" : "'set' statements are not supported yet");
                return;
            case UnsetNode u:
                NotSupported(u.Location, "'unset' statements are not supported yet");
                return;
            case CallNode c:
                NotSupported(c.Location, $"'call' is not supported yet (call {c.RulesetName})");
                return;
            case CallIndirectNode ci:
                NotSupported(ci.Location, "'call_indirect' is not supported yet");
                return;
            case ContinueNode co:
                NotSupported(co.Location, "'continue' is not supported yet");
                return;
            case ReloadLookupTableNode r:
                NotSupported(r.Location, "reload_lookup_table() is not supported yet");
                return;
            case IncludeNode inc:
                NotSupported(inc.Location, "include() is not supported yet");
                return;
            default:
                NotSupported(node.Location, $"{node.GetType().Name} is not supported yet");
                return;
        }
    }

    private Statement[] BindBlock(IReadOnlyList<StatementNode> block)
    {
        var list = new List<Statement>(block.Count);
        foreach (var s in block) BindStatement(s, list);
        return list.ToArray();
    }
}
