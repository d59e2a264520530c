using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Ast;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Properties;
using Sluice.Engine.Scripting.Functions;

namespace Sluice.Engine.Scripting.Expressions;

/// <summary>
/// Turns a parsed expression (<see cref="ExpressionNode"/>) into an evaluator tree, doing at config time what
/// rsyslog does at config time (grammar actions and cnfexprOptimize), because some of it changes results:
/// <list type="bullet">
/// <item>unary minus of a number literal is folded while parsing;</item>
/// <item>arithmetic and &amp; on constants are folded, converting string constants with es_str2num — which reads
///   hex and octal, unlike the run-time conversion: "0x10" + 0 is 16 but $.s + 0 with $.s = "0x10" is 0;</item>
/// <item>an array on the left of == / != is swapped to the right;</item>
/// <item>$syslogseverity / $syslogfacility compared with a number, and $syslogseverity-text / $syslogfacility-text
///   compared (== / !=) with a name, become facility/severity masks: names are decoded like selector names, so
///   $syslogfacility-text == "LOCAL0" is true, and != then yields 1 instead of a string difference;</item>
/// <item>the optimizer does not look inside function arguments or unary minus, so none of this happens there
///   (strlen("0x10" + 0) is 1).</item>
/// </list>
/// Problems (unknown properties and functions, wrong argument counts, bad regexes …) go to the bind context.
/// </summary>
public sealed class ExpressionCompiler
{
    private static readonly byte[] LessThanMasks = [0x00, 0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, 0xff];

    private readonly ExpressionBindContext _context;

    private ExpressionCompiler(ExpressionBindContext context) => _context = context;

    /// <summary>Compiles <paramref name="node"/>; errors are added to <paramref name="context"/>.</summary>
    public static CompiledExpression Compile(ExpressionNode node, ExpressionBindContext context) =>
        new(new ExpressionCompiler(context).Bind(node, optimize: true), node.Location);

    /// <summary>Compiles <paramref name="node"/> and throws <see cref="ConfigException"/> if anything is wrong.</summary>
    public static CompiledExpression CompileOrThrow(ExpressionNode node, ExpressionBindContext context)
    {
        var compiled = Compile(node, context);
        context.ThrowIfErrors();
        return compiled;
    }

    /// <summary>Binds a function argument or any operand rsyslog's optimizer leaves alone.</summary>
    internal Expr BindPlain(ExpressionNode node) => Bind(node, optimize: false);

    internal ExpressionBindContext Context => _context;

    private Expr Bind(ExpressionNode node, bool optimize)
    {
        switch (node)
        {
            case NumberLiteral n: return new NumberConstant(n.Value);
            case StringLiteral s: return new StringConstant(s.Value);
            case ArrayLiteral a: return new ArrayConstant(a.Items.Select(static i => Encoding.UTF8.GetBytes(i)).ToArray());
            case VariableReference v: return BindVariable(v.Name, v.Location);
            case ExistsExpression e: return BindExists(e);
            case UnaryExpression { Operator: UnaryOperator.Negate } u:
                var operand = Bind(u.Operand, optimize: false);
                return operand is NumberConstant c ? new NumberConstant(unchecked(-c.Value)) : new Negation(operand);
            case UnaryExpression u: return new Not(Bind(u.Operand, optimize));
            case BinaryExpression b: return BindBinary(b, optimize);
            case FunctionCall f: return FunctionBinder.Bind(f, this);
            default:
                _context.Error(node.Location, $"{node.GetType().Name} is not an expression");
                return new NumberConstant(0);
        }
    }

    private Expr BindVariable(string name, SourceLocation location)
    {
        if (VariablePath.TryParse(name) is { } path) return new VariableRead(path);
        try
        {
            return new PropertyRead(PropertyNames.Resolve(name, location), name);
        }
        catch (ConfigException e)
        {
            _context.Errors.AddRange(e.Errors);
            return new StringConstant([]);
        }
    }

    private Expr BindExists(ExistsExpression e)
    {
        if (VariablePath.TryParse(e.Variable) is { } path) return new VariableExists(path);
        // rsyslog accepts exists($msg) and answers 0: only $!, $. and $/ variables can exist.
        BindVariable(e.Variable, e.Location);
        return new VariableExists(null);
    }

    private Expr BindBinary(BinaryExpression b, bool optimize)
    {
        var left = Bind(b.Left, optimize);
        var right = Bind(b.Right, optimize);
        switch (b.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                return new Logical(left, right, b.Operator == BinaryOperator.And);
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                bool notEqual = b.Operator == BinaryOperator.NotEqual;
                if (optimize)
                {
                    if (left is ArrayConstant && right is ArrayConstant)
                        _context.Error(b.Location, "'==' or '<>' comparison of two constant string arrays makes no sense");
                    else if (left is ArrayConstant) (left, right) = (right, left);
                    if (PriorityMask(left, right, b, notEqual ? Mode.NotEqual : Mode.Equal) is { } masks) return new PriorityTest(masks);
                }
                return new Equality(left, right, notEqual);
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                var (op, mode) = b.Operator switch
                {
                    BinaryOperator.Less => (OrderingOperator.Less, Mode.Less),
                    BinaryOperator.LessOrEqual => (OrderingOperator.LessOrEqual, Mode.LessOrEqual),
                    BinaryOperator.Greater => (OrderingOperator.Greater, Mode.Greater),
                    _ => (OrderingOperator.GreaterOrEqual, Mode.GreaterOrEqual),
                };
                if (optimize && PriorityMask(left, right, b, mode) is { } ordered) return new PriorityTest(ordered);
                return new Ordering(left, right, op);
            case BinaryOperator.Contains: return new StringMatch(left, right, MatchOperator.Contains);
            case BinaryOperator.ContainsIgnoreCase: return new StringMatch(left, right, MatchOperator.ContainsIgnoreCase);
            case BinaryOperator.StartsWith: return new StringMatch(left, right, MatchOperator.StartsWith);
            case BinaryOperator.StartsWithIgnoreCase: return new StringMatch(left, right, MatchOperator.StartsWithIgnoreCase);
            case BinaryOperator.EndsWith: return new StringMatch(left, right, MatchOperator.EndsWith);
            case BinaryOperator.Concatenate:
                if (optimize && IsConstant(left) && IsConstant(right))
                    return new StringConstant([.. ConstantText(left), .. ConstantText(right)]);
                return new Concatenation(left, right);
            default:
                if (optimize && IsConstant(left) && IsConstant(right))
                    return new NumberConstant(Arithmetic.Apply(b.Operator, ConstantNumber(left), ConstantNumber(right)));
                return new Arithmetic(left, right, b.Operator);
        }
    }

    private static bool IsConstant(Expr e) => e is NumberConstant or StringConstant;

    private static long ConstantNumber(Expr e) =>
        e is NumberConstant n ? n.Value : ScriptConvert.ConstantToNumber(((StringConstant)e).Value);

    private static byte[] ConstantText(Expr e) =>
        e is StringConstant s ? s.Value : Encoding.ASCII.GetBytes(((NumberConstant)e).Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // ---- rsyslog's prifilt optimization (cnfexprOptimize_CMP_var / _CMP_severity_facility) ----

    private enum Mode : byte { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

    private byte[]? PriorityMask(Expr left, Expr right, BinaryExpression b, Mode mode)
    {
        if (left is not PropertyRead property) return null;
        bool equality = mode is Mode.Equal or Mode.NotEqual;
        switch (property.Name)
        {
            case "syslogfacility-text" when equality && right is StringConstant s:
                string facilityName = Encoding.UTF8.GetString(s.Value);
                int code = SyslogNames.DecodeFacility(facilityName);
                if (code < 0)
                {
                    _context.Error(b.Location, $"invalid facility '{facilityName}', expression will always evaluate to FALSE");
                    return null;
                }
                var facilityMasks = new byte[PriFilter.FacilityCount];
                int row = code >> 3;
                if (row < facilityMasks.Length) facilityMasks[row] = 0xFF;
                if (mode == Mode.NotEqual) Invert(facilityMasks);
                return facilityMasks;
            case "syslogseverity-text" when equality && right is StringConstant s:
                string severityName = Encoding.UTF8.GetString(s.Value);
                int severity = SyslogNames.DecodeSeverity(severityName);
                if (severity < 0)
                {
                    _context.Error(b.Location, $"invalid syslogseverity '{severityName}', expression will always evaluate to FALSE");
                    return null;
                }
                return SeverityMasks(severity, mode);
            case "syslogseverity" when right is NumberConstant n:
                int sev = unchecked((int)n.Value);
                if (sev is < 0 or > 7)
                {
                    _context.Error(b.Location, $"invalid syslogseverity {sev}, expression will always evaluate to FALSE");
                    return null;
                }
                return SeverityMasks(sev, mode);
            case "syslogfacility" when right is NumberConstant n:
                int fac = unchecked((int)n.Value);
                if (fac is < 0 or > 24)
                {
                    _context.Error(b.Location, $"invalid syslogfacility {fac}, expression will always evaluate to FALSE");
                    return null;
                }
                return FacilityMasks(fac, mode);
            default:
                return null;
        }
    }

    // prifiltSetSeverity; the shift is C's (an int truncated to the mask byte, count taken modulo 32 as on x86).
    private static byte[] SeverityMasks(int severity, Mode mode)
    {
        var masks = new byte[PriFilter.FacilityCount];
        byte mask = mode switch
        {
            Mode.Equal or Mode.NotEqual => unchecked((byte)(1 << (severity & 31))),
            Mode.Less => LessThanMasks[severity],
            Mode.LessOrEqual => LessThanMasks[severity + 1],
            Mode.Greater => (byte)~LessThanMasks[severity + 1],
            _ => (byte)~LessThanMasks[severity],
        };
        Array.Fill(masks, mask);
        if (mode == Mode.NotEqual) Invert(masks);
        return masks;
    }

    // prifiltSetFacility: every severity of the selected facilities.
    private static byte[] FacilityMasks(int facility, Mode mode)
    {
        var masks = new byte[PriFilter.FacilityCount];
        for (int i = 0; i < masks.Length; i++)
        {
            bool selected = mode switch
            {
                Mode.Equal or Mode.NotEqual => i == facility,
                Mode.Less => i < facility,
                Mode.LessOrEqual => i <= facility,
                Mode.Greater => i > facility,
                _ => i >= facility,
            };
            if (selected) masks[i] = 0xFF;
        }
        if (mode == Mode.NotEqual) Invert(masks);
        return masks;
    }

    private static void Invert(byte[] masks)
    {
        for (int i = 0; i < masks.Length; i++) masks[i] = (byte)~masks[i];
    }
}
