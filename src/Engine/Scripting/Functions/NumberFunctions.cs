using System.Buffers.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Properties;
using Sluice.Engine.Scripting.Expressions;

namespace Sluice.Engine.Scripting.Functions;

/// <summary>int2hex(n): lowercase hex of the 64-bit two's complement ("ffffffffffffffff" for -1); "NAN" when n is not wholly a number.</summary>
internal sealed class Int2HexFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        long n = ScriptConvert.ToNumber(arg.Evaluate(message, context), out bool complete);
        if (!complete) return ScriptValue.FromString("NAN"u8);
        int mark = context.Scratch.Length;
        Utf8Formatter.TryFormat(unchecked((ulong)n), context.Scratch.GetSpan(16), out int written, new System.Buffers.StandardFormat('x'));
        context.Scratch.Advance(written);
        return FunctionText.Result(context, mark);
    }
}

/// <summary>num2ipv4(n): dotted quad of 0..4294967295, else "-1".</summary>
internal sealed class Num2Ipv4Function(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        long n = ScriptConvert.ToNumber(arg.Evaluate(message, context), out bool complete);
        if (!complete || n < 0 || n > uint.MaxValue) return ScriptValue.FromString("-1"u8);
        int mark = context.Scratch.Length;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            AsciiWriter.AppendDecimal(context.Scratch, (n >> shift) & 0xFF);
            if (shift > 0) context.Scratch.Append((byte)'.');
        }
        return FunctionText.Result(context, mark);
    }
}

/// <summary>
/// ipv42num(s) (also ip42num): the address as a number, or -1. rsyslog's scanner: blanks only before or after the
/// address, exactly three dots, no empty part after a dot; parts are not range-checked and the sum wraps at 2^32
/// (ipv42num("256.1.1.1") is 65793).
/// </summary>
internal sealed class Ipv42NumFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context) =>
        ScriptValue.FromNumber(Convert(FunctionText.CStringArgument(arg, message, context)));

    private static long Convert(ReadOnlySpan<byte> s)
    {
        Span<uint> parts = stackalloc uint[4];
        int part = 0;
        bool previousDot = false, leadingBlank = false, trailingBlank = false;
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (trailingBlank) return -1;
                previousDot = false;
                leadingBlank = false;
                parts[part] = unchecked(parts[part] * 10 + (uint)(c - '0'));
            }
            else if (c == ' ')
            {
                previousDot = false;
                if (i == 0 || leadingBlank) leadingBlank = true;
                else trailingBlank = true;
            }
            else if (c == '.')
            {
                if (trailingBlank || previousDot) return -1;
                leadingBlank = false;
                previousDot = true;
                if (++part > 3) return -1;
            }
            else
            {
                return -1;
            }
        }
        if (part != 3) return -1;
        return unchecked(parts[0] * 16777216u + parts[1] * 65536u + parts[2] * 256u + parts[3]);
    }
}

/// <summary>
/// random(max): a pseudo-random number in [0, max) (for a negative max, in [0, -max)); 0 when max is 0 or not
/// wholly a number. rsyslog's generator yields 63 significant bits on Linux (random_r writes 32 of a long's 64,
/// the rest is whatever was on the stack), so large limits are reached; Sluice draws 63 bits.
/// </summary>
internal sealed class RandomFunction(Expr arg) : Expr
{
    public override ScriptValue Evaluate(Message message, EvaluationContext context)
    {
        long max = ScriptConvert.ToNumber(arg.Evaluate(message, context), out bool complete);
        if (!complete || max == 0) return ScriptValue.FromNumber(0);
        long x = context.NextRandom();
        return ScriptValue.FromNumber(max == long.MinValue ? x : x % max);
    }
}
