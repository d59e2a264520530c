namespace Sluice.Engine.Config;

/// <summary>Where a config item was written: file:line:column, 1-based.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("<builtin>", 0, 0);
    public override string ToString() => $"{File}:{Line}:{Column}";
}
