using Sluice.Engine.Config.Ast;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>Binds a function call: name lookup, argument count, then the function's own checks.</summary>
internal static class FunctionBinder
{
    public static Expr Bind(FunctionCall call, ExpressionCompiler compiler)
    {
        var context = compiler.Context;
        var arguments = new Expr[call.Arguments.Count];
        for (int i = 0; i < arguments.Length; i++) arguments[i] = compiler.BindPlain(call.Arguments[i]);

        var definition = FunctionRegistry.Find(call.Name);
        if (definition is null)
        {
            string? close = NameSuggester.Closest(call.Name, FunctionRegistry.SupportedNames);
            context.Error(call.Location, close is null
                ? $"function '{call.Name}' not found"
                : $"function '{call.Name}' not found (did you mean '{close}'?)");
            return new NumberConstant(0);
        }
        if (definition.NotSupported is { } reason)
        {
            context.Error(call.Location, reason);
            return new NumberConstant(0);
        }
        // rsyslog's messages (rainerscript.c extractFuncPtr).
        int n = arguments.Length;
        string? arity = null;
        if (definition.MinArguments == definition.MaxArguments && n != definition.MaxArguments)
            arity = $"number of parameters for {definition.Name}() must be {definition.MaxArguments} but is {n}.";
        else if (n < definition.MinArguments)
            arity = $"number of parameters for {definition.Name}() must be at least {definition.MinArguments} but is {n}.";
        else if (n > definition.MaxArguments)
            arity = $"number of parameters for {definition.Name}() must be at most {definition.MaxArguments} but is {n}.";
        if (arity is not null)
        {
            context.Error(call.Location, arity);
            return new NumberConstant(0);
        }
        return definition.Create(new FunctionCallSite(definition.Name, arguments, call.Location, context));
    }
}
