using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Scripting.Expressions;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>prifilt("mail.info;auth.none"): whether the message passes the legacy selector (a string literal).</summary>
internal static class PrifiltFunction
{
    public static Expr Create(FunctionCallSite call)
    {
        if (call.ConstantString(0) is not { } selector)
        {
            call.Error("param 1 of prifilt() must be a constant string");
            return new NumberConstant(0);
        }
        var filter = PriSelector.Decode(Encoding.UTF8.GetString(selector), out string? error, out _);
        if (filter is null)
        {
            call.Error($"prifilt(): {error}");
            return new NumberConstant(0);
        }
        var masks = new byte[PriFilter.FacilityCount];
        for (int i = 0; i < masks.Length; i++) masks[i] = filter.GetMask(i);
        return new PriorityTest(masks);
    }
}

/// <summary>exec_template("name"): the named template rendered for the message.</summary>
internal sealed class ExecTemplateFunction(Template template) : Expr
{
    public static Expr Create(FunctionCallSite call)
    {
        if (call.ConstantString(0) is not { } name)
        {
            call.Error("exec_template(): param 1 must be a constant string");
            return new NumberConstant(0);
        }
        string templateName = Encoding.UTF8.GetString(name);
        if (call.Context.Templates?.Find(templateName) is not { } template)
        {
            call.Error($"exec_template(): template '{templateName}' could not be found");
            return new NumberConstant(0);
        }
        return new ExecTemplateFunction(template);
    }

    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        int mark = context.Scratch.Length;
        template.Render(message, context.Scratch, context.Render);
        return FunctionText.Result(context, mark);
    }
}

/// <summary>
/// getenv("NAME"): the environment variable, "" when unset. With a literal name it is read once, at config time
/// (the daemon's environment does not change); otherwise at each call.
/// </summary>
internal static class GetenvFunction
{
    public static Expr Create(FunctionCallSite call)
    {
        if (call.ConstantString(0) is { } name)
        {
            string value = call.Context.Environment(Encoding.UTF8.GetString(FunctionText.CString(name))) ?? "";
            return new StringConstant(value);
        }
        return new RuntimeGetenv(call.Arguments[0]);
    }

    private sealed class RuntimeGetenv(Expr arg) : Expr
    {
        public override ScriptValue Evaluate(Message message, EvaluationContext context)
        {
            var name = FunctionText.CStringArgument(arg, message, context);
            string? value = name.IsEmpty ? null : Environment.GetEnvironmentVariable(Encoding.UTF8.GetString(name));
            if (value is null) return ScriptValue.Empty;
            int mark = context.Scratch.Length;
            context.Scratch.Append(Encoding.UTF8.GetBytes(value));
            return FunctionText.Result(context, mark);
        }
    }
}

/// <summary>script_error(): the error state left by the last parse_json/parse_time/is_time/get_property on this worker.</summary>
internal sealed class ScriptErrorFunction : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context) => ScriptValue.FromNumber(context.ScriptError);
}

/// <summary>previous_action_suspended(): from the action runtime (<see cref="IActionState"/>); 0 without one.</summary>
internal sealed class PreviousActionSuspendedFunction : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromBool(context.Actions?.PreviousActionSuspended == true);
}
