using Sluice.Engine.Config;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>A call being bound: its bound arguments and where to report problems.</summary>
public sealed class FunctionCallSite
{
    internal FunctionCallSite(string name, Expr[] arguments, SourceLocation location, ExpressionBindContext context)
    {
        Name = name;
        Arguments = arguments;
        Location = location;
        Context = context;
    }

    public string Name { get; }

    /// <summary>The arguments, bound without optimization (rsyslog's optimizer does not visit them).</summary>
    public Expr[] Arguments { get; }

    public SourceLocation Location { get; }

    public ExpressionBindContext Context { get; }

    /// <summary>The bytes of argument <paramref name="index"/> when it is a string literal (rsyslog's nodetype 'S').</summary>
    public byte[]? ConstantString(int index) => Arguments[index] is StringConstant s ? s.Value : null;

    public void Error(string message) => Context.Error(Location, message);
}

/// <summary>One function: its name, how many arguments it takes and how to build its evaluator.</summary>
public sealed class FunctionDefinition
{
    public FunctionDefinition(string name, int minArguments, int maxArguments, Func<FunctionCallSite, Expr> create)
    {
        Name = name;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        Create = create;
    }

    /// <summary>A function Sluice knows but refuses, with the reason given to the user.</summary>
    public FunctionDefinition(string name, string notSupported)
    {
        Name = name;
        NotSupported = notSupported;
        Create = static _ => new NumberConstant(0);
    }

    public string Name { get; }
    public int MinArguments { get; }
    public int MaxArguments { get; }
    public Func<FunctionCallSite, Expr> Create { get; }

    /// <summary>Why the function cannot be used; null when it can.</summary>
    public string? NotSupported { get; }
}
