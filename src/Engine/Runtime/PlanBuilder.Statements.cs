using Sluice.Engine.Config.Ast;
using Sluice.Engine.Scripting;
using Sluice.Engine.Scripting.Expressions;

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
                BindIf(i, into);
                return;
            case ForeachNode fe:
                BindForeach(fe, into);
                return;
            case PropertyFilterNode pf:
                var propertyFilter = PropertyFilterParser.Parse(pf.Filter, _errors);
                var filtered = BindBlock(pf.Body);
                if (propertyFilter is not null) into.Add(new FilterStatement(propertyFilter, filtered));
                return;
            case SetNode s:
                if (VariableAssignment.Bind(s, _expressions) is { } assignment) into.Add(new SetStatement(assignment));
                return;
            case UnsetNode u:
                if (VariableRemoval.Bind(u, _expressions) is { } removal) into.Add(new UnsetStatement(removal));
                return;
            case CallNode c:
                _rulesetReferences.Add((c.RulesetName, c.Location));
                into.Add(new CallStatement(DeclareRuleset(c.RulesetName)));
                return;
            case CallIndirectNode ci:
                into.Add(new CallIndirectStatement(ExpressionCompiler.Compile(ci.Ruleset, _expressions), _plan.RulesetTable, _services.Log));
                return;
            case ContinueNode:
                into.Add(ContinueStatement.Instance);
                return;
            case ReloadLookupTableNode r:
                BindReloadLookupTable(r, into);
                return;
            default:
                NotSupported(node.Location, $"{node.GetType().Name} is not supported yet");
                return;
        }
    }

    /// <summary>if … then … [else if … ] [else …]: "else if" arrives as an <see cref="IfNode"/> in the else block.</summary>
    private void BindIf(IfNode node, List<Statement> into)
    {
        var condition = ExpressionCompiler.Compile(node.Condition, _expressions);
        var then = BindBlock(node.Then);
        var otherwise = node.Else is null ? null : BindBlock(node.Else);
        into.Add(new FilterStatement(new ExpressionFilter(condition), then, otherwise));
    }

    private void BindForeach(ForeachNode node, List<Statement> into)
    {
        var collection = ExpressionCompiler.Compile(node.Collection, _expressions);
        var body = BindBlock(node.Body);
        var variable = Messages.Variables.VariablePath.TryParse(node.Variable);
        if (variable is null)
        {
            Error(node.Location, $"invalid loop variable '${node.Variable}' in foreach (a $!, $. or $/ variable is expected)");
            return;
        }
        into.Add(new ForeachStatement(variable, collection, body));
    }

    private Statement[] BindBlock(IReadOnlyList<StatementNode> block)
    {
        var list = new List<Statement>(block.Count);
        foreach (var s in block) BindStatement(s, list);
        return list.ToArray();
    }
}
