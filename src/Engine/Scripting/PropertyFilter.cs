using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Regex;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Scripting;

/// <summary>The compare operations of a property-based filter (rsyslog's FIOP_*).</summary>
public enum PropertyCompare : byte { Contains, IsEqual, IsEmpty, StartsWith, Regex, EreRegex }

/// <summary>
/// A property-based filter `:property, [!]operation, "value"` as rsyslog's evalPROPFILT runs it: the property's plain
/// value (no replacer options) rendered into the worker's scratch buffer, then compared case-sensitively —
/// <list type="bullet">
/// <item>contains: the value occurs in the property (read as a C string, up to its first NUL; "" is always found);</item>
/// <item>isequal: same length and bytes; startswith: the property begins with the value; isempty: the property is "";</item>
/// <item>regex / ereregex: POSIX BRE / ERE search anywhere in the property (as a C string);</item>
/// <item>a '!' before the operation negates the result.</item>
/// </list>
/// Nothing is allocated per message.
/// </summary>
public sealed class PropertyFilter : IMessageFilter
{
    private readonly byte[] _value;

    public PropertyFilter(PropertyId property, PropertyCompare operation, bool negated, byte[] value, PosixRegex? regex)
    {
        Property = property;
        Operation = operation;
        Negated = negated;
        _value = value;
        Regex = regex;
    }

    public PropertyId Property { get; }
    public PropertyCompare Operation { get; }
    public bool Negated { get; }
    public ReadOnlySpan<byte> Value => _value;
    public PosixRegex? Regex { get; }

    public bool Matches(Message message, RuleContext context)
    {
        var buffer = context.Scratch;
        buffer.Clear();
        PropertyWriter.Append(buffer, Property, message, context.Render);
        return Compare(buffer.WrittenSpan) != Negated;
    }

    /// <summary>The operation on a property value (without the negation).</summary>
    public bool Compare(ReadOnlySpan<byte> property) => Operation switch
    {
        PropertyCompare.Contains => CString(property).IndexOf(_value) >= 0,
        PropertyCompare.IsEqual => property.SequenceEqual(_value),
        PropertyCompare.IsEmpty => property.Length == 0,
        PropertyCompare.StartsWith => property.StartsWith(_value),
        _ => Regex!.IsMatch(CString(property)),
    };

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        int nul = s.IndexOf((byte)0);
        return nul < 0 ? s : s[..nul];
    }
}
