using Sluice.Engine.Config.Syntax;

namespace Sluice.Engine.Config.Ast;

/// <summary>
/// Text kept as written for a later decoder (a selector, a legacy action line, a $-directive), able to
/// say where each of its characters came from so that errors inside it point at the exact column.
/// </summary>
public sealed class RawText
{
    private readonly SourceText _source;
    private readonly int _start;

    public RawText(string value, SourceText source, int start)
    {
        Value = value;
        _source = source;
        _start = start;
    }

    public string Value { get; }

    public SourceLocation Location => _source.LocationOf(_start);

    public SourceLocation LocationAt(int offset) => _source.LocationOf(_start + Math.Clamp(offset, 0, Value.Length));

    public override string ToString() => Value;
}
