namespace Sluice.Engine.Config.Syntax;

/// <summary>
/// The kinds of string literal rsyslog's lexer knows. Each accepts a different set of escapes (lexer.l
/// regular expressions); all are then decoded by the same unescapeStr().
/// </summary>
public enum StringFlavor
{
    /// <summary>"…" inside an object: \' \" \? \\ \a \b \f \n \r \t \v and \o, \oo, \ooo.</summary>
    ObjectDouble,
    /// <summary>`…` inside an object (same escapes, with \` instead of \").</summary>
    ObjectBacktick,
    /// <summary>'…' in an expression: \' \" \\ \$ \b \n \t \r \xHH \ooo.</summary>
    ExpressionSingle,
    /// <summary>"…" in an expression: as single-quoted, and a bare '$' is an error.</summary>
    ExpressionDouble,
    /// <summary>`…` in an expression: \' \` \" \\ \b \n \t \r \xHH \ooo.</summary>
    ExpressionBacktick,
}
