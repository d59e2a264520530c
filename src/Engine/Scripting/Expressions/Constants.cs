using System.Text;
using Sluice.Engine.Messages;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>A number literal (decimal, 0x hex or 0 octal in the config).</summary>
public sealed class NumberConstant : Expr
{
    public NumberConstant(long value) => Value = value;

    public long Value { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context) => ScriptValue.FromNumber(Value);
}

/// <summary>A string literal, as its bytes.</summary>
public sealed class StringConstant : Expr
{
    public StringConstant(byte[] value) => Value = value;

    /// <summary>
    /// The config front end keeps literals as .NET strings; they become UTF-8 (a "\xNN" escape above 0x7F therefore
    /// becomes two bytes, where rsyslog would keep the single byte). rsyslog unescapes literals into C strings, so a
    /// literal ends at a "\x00" escape ("a\x00b" is "a").
    /// </summary>
    public StringConstant(string value) : this(Encoding.UTF8.GetBytes(value.IndexOf('\0') is var nul and >= 0 ? value[..nul] : value)) { }

    public byte[] Value { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context) => ScriptValue.FromString(Value);
}

/// <summary>["a", "b"]: on the right of a comparison it means "any of"; elsewhere it is its first element.</summary>
public sealed class ArrayConstant : Expr
{
    public ArrayConstant(byte[][] items)
    {
        Items = items;
        Sorted = (byte[][])items.Clone();
        Array.Sort(Sorted, static (a, b) => ScriptConvert.Compare(a, b));
    }

    public byte[][] Items { get; }

    /// <summary>The first element after sorting: what an array on the right of == / != stands for when it is not searched.</summary>
    public byte[] SortedFirst => Sorted[0];

    /// <summary>Sorted with es_strcmp, as rsyslog's optimizer sorts arrays for == and != (bsearch).</summary>
    private byte[][] Sorted { get; }

    public override ScriptValue Evaluate(Message message, EvaluationContext context) => ScriptValue.FromString(Items[0]);

    public bool Contains(ReadOnlySpan<byte> value)
    {
        int lo = 0, hi = Sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = ScriptConvert.Compare(value, Sorted[mid]);
            if (c == 0) return true;
            if (c < 0) hi = mid - 1;
            else lo = mid + 1;
        }
        return false;
    }
}
