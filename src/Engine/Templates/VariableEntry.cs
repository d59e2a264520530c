using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates;

/// <summary>
/// "%$!a!b%", "%$.x%", "%$/g%", property(name="$!a"): the variable as rsyslog renders it — a string as it is, any
/// other value as libfastjson prints it (spaced: { "a": 1 }), nothing when absent. $/ is read under its lock.
/// </summary>
public sealed class VariableEntry : TemplateEntry
{
    public VariableEntry(VariablePath variable) => Variable = variable;

    public VariablePath Variable { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context) =>
        Append(Variable, message, destination);

    internal static void Append(VariablePath variable, Message message, ByteBuffer destination)
    {
        if (variable.Scope == VariableScope.Global) GlobalVariables.Process.Render(variable, destination);
        else message.Variables?.Render(variable, destination);
    }
}

/// <summary>A variable run through the property replacer ("%$!a:1:3:uppercase%").</summary>
public sealed class VariableReplacerEntry : TemplateEntry
{
    public VariableReplacerEntry(VariablePath variable, ReplacerOptions options)
    {
        Variable = variable;
        Options = options;
    }

    public VariablePath Variable { get; }
    public ReplacerOptions Options { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        int start = destination.Length;
        VariableEntry.Append(Variable, message, destination);
        // rsyslog hands a variable's value over in a buffer of its own (msgGetJSONPropJSONorString → must be freed).
        PropertyReplacer.Apply(destination, start, privateCopy: true, Options);
    }
}

/// <summary>
/// "%$!all-json%" / "%$!all-json-plain%": the whole $! tree as libfastjson prints it (spaced or plain), "{}" when the
/// message has none (checked with rsyslogd 8.2302: "{}" before any set, "{ }" after the last member is unset).
/// </summary>
public sealed class AllJsonEntry : TemplateEntry
{
    public AllJsonEntry(bool plain, ReplacerOptions? options)
    {
        Plain = plain;
        Options = options;
    }

    public bool Plain { get; }
    public ReplacerOptions? Options { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context)
    {
        int start = destination.Length;
        if (message.Variables?.Tree.Root is not { } root) destination.Append("{}"u8);
        else if (Plain) JsonWriter.WritePlain(destination, root);
        else JsonWriter.Write(destination, root);
        if (Options is not null) PropertyReplacer.Apply(destination, start, privateCopy: true, Options);
    }
}
