namespace Sluice.Engine.Messages;

/// <summary>A slice of a message's buffer, set by the parser. Length -1 means "absent".</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public static readonly TextRange Absent = new(0, -1);
    public bool IsPresent => Length >= 0;
    public int End => Start + Length;
}
