namespace Sluice.Engine.Config.Syntax;

/// <summary>The tokens of rsyslog's lexer.l (grammar.y names in the comments).</summary>
public enum TokenKind
{
    EndOfFile,
    /// <summary>A character no rule accepts; <see cref="Token.Error"/> says what is wrong.</summary>
    Invalid,

    // INITIAL state
    If,
    Foreach,
    /// <summary>RELOAD_LOOKUP_TABLE_PROCEDURE</summary>
    ReloadLookupTable,
    Ampersand,
    LeftBrace,
    RightBrace,
    Stop,
    Else,
    Call,
    CallIndirect,
    Set,
    Reset,
    Unset,
    Continue,
    /// <summary>BEGINOBJ, BEGIN_ACTION, BEGIN_TPL … : "keyword(" with <see cref="Token.ObjectKind"/>.</summary>
    BeginObject,
    /// <summary>PROPFILT: ":property, op, \"value\"".</summary>
    PropertyFilter,
    /// <summary>PRIFILT: a legacy selector such as "mail.info;auth.none".</summary>
    PriorityFilter,
    /// <summary>LEGACY_ACTION: "/file", "-/file;tpl", "@host", "~", "root" …</summary>
    LegacyAction,
    /// <summary>A "$Directive args" line (cfsysline).</summary>
    Directive,
    /// <summary>LEGACY_RULESET: "$Ruleset name".</summary>
    LegacyRuleset,
    /// <summary>BSD_TAG_SELECTOR: "!prog".</summary>
    BsdTagSelector,
    /// <summary>BSD_HOST_SELECTOR: "+host", "-host", "+*".</summary>
    BsdHostSelector,

    // INOBJ state
    EndObject,
    /// <summary>A parameter name in an object; also the ruleset name after "call".</summary>
    Name,
    Equals,
    Comma,
    LeftBracket,
    RightBracket,
    /// <summary>A quoted or backtick string; <see cref="Token.Text"/> is the decoded value.</summary>
    String,
    /// <summary>Not an rsyslog token: an unquoted value after '=', which rsyslog rejects.</summary>
    UnquotedValue,

    // EXPR state
    LeftParen,
    RightParen,
    Then,
    Do,
    Semicolon,
    Or,
    And,
    Not,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    CompareEq,
    CompareNe,
    CompareLe,
    CompareGe,
    CompareLt,
    CompareGt,
    Contains,
    ContainsI,
    StartsWith,
    StartsWithI,
    /// <summary>Only in rsyslog releases newer than 8.2302.</summary>
    EndsWith,
    /// <summary>ITERATOR_ASSIGNMENT ("in" of foreach).</summary>
    In,
    Number,
    /// <summary>VAR: "$msg", "$!a!b", "$.x"; <see cref="Token.Text"/> is the name without the first '$'.</summary>
    Variable,
    Exists,
    /// <summary>FUNC: a function name.</summary>
    Function,
}
