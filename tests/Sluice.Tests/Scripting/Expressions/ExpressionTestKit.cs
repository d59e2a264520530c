using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Scripting.Expressions;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Scripting.Expressions;

/// <summary>Parses and compiles single expressions the way the config front end hands them over.</summary>
internal static class ExpressionTestKit
{
    public static ExpressionNode Parse(string expression)
    {
        var doc = ConfigLoader.LoadText($"set $.r = {expression};", "e.conf");
        Assert.Empty(doc.Errors);
        return Assert.IsType<SetNode>(Assert.Single(doc.Items)).Value;
    }

    public static ExpressionBindContext NewBindContext()
    {
        var templates = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(templates);
        return new ExpressionBindContext(templates);
    }

    public static CompiledExpression Compile(string expression, ExpressionBindContext? context = null) =>
        ExpressionCompiler.CompileOrThrow(Parse(expression), context ?? NewBindContext());

    /// <summary>The errors compiling <paramref name="expression"/> reports.</summary>
    public static IReadOnlyList<ConfigError> Errors(string expression)
    {
        var context = NewBindContext();
        ExpressionCompiler.Compile(Parse(expression), context);
        return context.Errors;
    }

    public static Message SampleMessage() =>
        SampleMessages.Parse("<134>Feb  5 17:32:18 myhost sshd[123]: Failed password for root from 10.0.0.1 port 22 ssh2");

    public static EvaluationContext NewContext() => new(new GlobalVariables()) { Render = SampleMessages.Context };

    /// <summary>The value as text: numbers in decimal, strings as they are, JSON as JSON.</summary>
    public static string Show(ScriptValue value) => value.Kind switch
    {
        ScriptValueKind.Number => value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScriptValueKind.String => Encoding.UTF8.GetString(value.Text),
        _ => JsonOf(value.Json!),
    };

    private static string JsonOf(JsonNode node)
    {
        var b = new ByteBuffer(64);
        JsonWriter.Write(b, node);
        return Encoding.UTF8.GetString(b.WrittenSpan);
    }

    public static string Eval(string expression, Message? message = null, EvaluationContext? context = null) =>
        Show(Compile(expression).Evaluate(message ?? SampleMessage(), context ?? NewContext()));
}
