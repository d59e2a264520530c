using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>Helpers the functions share.</summary>
internal static class FunctionText
{
    /// <summary>
    /// var2CString: most functions see their string argument as a C string, so it ends at the first NUL byte.
    /// </summary>
    public static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }

    /// <summary>An argument evaluated and turned into a C string.</summary>
    public static ReadOnlySpan<byte> CStringArgument(Expr argument, Sluice.Engine.Messages.Message message, EvaluationContext context) =>
        CString(ScriptConvert.ToText(argument.Evaluate(message, context), context));

    /// <summary>The scratch bytes from <paramref name="mark"/> as a string value.</summary>
    public static ScriptValue Result(EvaluationContext context, int mark) => ScriptValue.FromString(context.Since(mark));
}
