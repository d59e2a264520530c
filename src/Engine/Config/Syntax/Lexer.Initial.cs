using System.Text.RegularExpressions;
using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Syntax;

public sealed partial class Lexer
{
    // The INITIAL rules in lexer.l order; when two match the same length the earlier one wins.
    private enum InitialRule
    {
        None, If, Foreach, ReloadLookupTable, Ampersand, LeftBrace, RightBrace, Stop, Else, Call, CallIndirect,
        Set, Reset, Unset, Continue, LineNumber, Object, PropertyFilter, PriorityFilter, LegacyAction,
        CommentStart, Directive, BsdTag, BsdHostComment, BsdHostAll, BsdHost, HashComment, WhiteSpace,
    }

    private static readonly (string Text, InitialRule Rule)[] InitialKeywords =
    {
        ("if", InitialRule.If), ("foreach", InitialRule.Foreach), ("reload_lookup_table", InitialRule.ReloadLookupTable),
        ("&", InitialRule.Ampersand), ("{", InitialRule.LeftBrace), ("}", InitialRule.RightBrace),
        ("stop", InitialRule.Stop), ("else", InitialRule.Else), ("call", InitialRule.Call),
        ("call_indirect", InitialRule.CallIndirect), ("set", InitialRule.Set), ("reset", InitialRule.Reset),
        ("unset", InitialRule.Unset), ("continue", InitialRule.Continue),
        ("preprocfilelinenumber(", InitialRule.LineNumber),
    };

    // ^[ \t]*:\$?[a-z\-]+[ ]*,[ ]*!?[a-z]+[ ]*,[ ]*\"(\\\"|[^\"])*\"
    [GeneratedRegex("\\G[ \\t]*:\\$?[a-z\\-]+ *, *!?[a-z]+ *, *\"(\\\\\"|[^\"])*\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PropertyFilterPattern();

    // ^[ \t]*[\*a-z][\*a-z]*[0-7]*[\.,][,!=;\.\*a-z0-7]+  (greedy matching gives the longest match here)
    [GeneratedRegex("\\G[ \\t]*[*a-z]+[0-7]*[.,][,!=;.*a-z0-7]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PriorityFilterPattern();

    private Token? ScanInitial()
    {
        int p = _pos;
        bool lineStart = p == 0 || _s[p - 1] == '\n';
        var best = InitialRule.None;
        int bestLength = 0;
        ObjectKind objectKind = default;

        void Consider(InitialRule rule, int length)
        {
            if (length > bestLength)
            {
                bestLength = length;
                best = rule;
            }
        }

        foreach (var (text, rule) in InitialKeywords) Consider(rule, Keyword(p, text));
        foreach (var kind in ObjectKinds.LexerOrder)
        {
            int n = ObjectKeyword(p, kind.Keyword());
            if (n > bestLength)
            {
                Consider(InitialRule.Object, n);
                objectKind = kind;
            }
        }
        if (lineStart)
        {
            Consider(InitialRule.PropertyFilter, MatchLength(PropertyFilterPattern(), p));
            Consider(InitialRule.PriorityFilter, MatchLength(PriorityFilterPattern(), p));
        }
        Consider(InitialRule.LegacyAction, LegacyActionLength(p));
        Consider(InitialRule.CommentStart, Keyword(p, "/*"));
        Consider(InitialRule.Directive, DirectiveLength(p));
        Consider(InitialRule.BsdTag, BsdTagLength(p));
        Consider(InitialRule.BsdHostComment, BsdHostCommentLength(p));
        Consider(InitialRule.BsdHostAll, BsdHostAllLength(p));
        if (lineStart) Consider(InitialRule.BsdHost, BsdHostLength(p));
        if (_s[p] == '#') Consider(InitialRule.HashComment, RestOfLine(p) + 1);
        Consider(InitialRule.WhiteSpace, _s[p] is ' ' or '\t' or '\n' ? 1 : 0);

        switch (best)
        {
            case InitialRule.None:
                return Invalid(p, "");
            case InitialRule.WhiteSpace:
            case InitialRule.HashComment:
                _pos = Math.Min(p + bestLength, _s.Length);
                return null;
            case InitialRule.CommentStart:
                SkipComment(p);
                return null;
            case InitialRule.LineNumber:
                // rsyslog's own preprocessor marker; Sluice maps locations exactly, so it is skipped.
                int close = _s.IndexOf(')', p + bestLength);
                _pos = close < 0 ? _s.Length : close + 1;
                return null;
            case InitialRule.Object:
                State = LexerState.Object;
                _pos = p + bestLength;
                return new Token(TokenKind.BeginObject, _s.Substring(p, objectKind.Keyword().Length), _source.LocationOf(p), p)
                {
                    ObjectKind = objectKind,
                };
            case InitialRule.PropertyFilter:
            case InitialRule.PriorityFilter:
            case InitialRule.BsdHost:
            {
                // rmLeadingSpace(): the token starts at its first non-blank character.
                int lead = RunWhile(p, c => c is ' ' or '\t');
                var kind = best switch
                {
                    InitialRule.PropertyFilter => TokenKind.PropertyFilter,
                    InitialRule.PriorityFilter => TokenKind.PriorityFilter,
                    _ => TokenKind.BsdHostSelector,
                };
                return Make(kind, p + lead, bestLength - lead);
            }
            case InitialRule.Directive:
                return Make(Keyword(p, "$ruleset ") > 0 ? TokenKind.LegacyRuleset : TokenKind.Directive, p, bestLength);
            case InitialRule.BsdTag:
                return Make(TokenKind.BsdTagSelector, p, bestLength);
            case InitialRule.BsdHostComment:
            case InitialRule.BsdHostAll:
                return Make(TokenKind.BsdHostSelector, p, bestLength);
            case InitialRule.LegacyAction:
                return Make(TokenKind.LegacyAction, p, bestLength);
        }

        var token = Make(best switch
        {
            InitialRule.If => TokenKind.If,
            InitialRule.Foreach => TokenKind.Foreach,
            InitialRule.ReloadLookupTable => TokenKind.ReloadLookupTable,
            InitialRule.Ampersand => TokenKind.Ampersand,
            InitialRule.LeftBrace => TokenKind.LeftBrace,
            InitialRule.RightBrace => TokenKind.RightBrace,
            InitialRule.Stop => TokenKind.Stop,
            InitialRule.Else => TokenKind.Else,
            InitialRule.Call => TokenKind.Call,
            InitialRule.CallIndirect => TokenKind.CallIndirect,
            InitialRule.Set => TokenKind.Set,
            InitialRule.Reset => TokenKind.Reset,
            InitialRule.Unset => TokenKind.Unset,
            _ => TokenKind.Continue,
        }, p, bestLength);
        State = best switch
        {
            InitialRule.If or InitialRule.Foreach or InitialRule.CallIndirect or InitialRule.Set or InitialRule.Reset
                or InitialRule.Unset => LexerState.Expression,
            InitialRule.Call => LexerState.Call,
            InitialRule.ReloadLookupTable => LexerState.ProcedureCall,
            _ => State,
        };
        return token;
    }

    private int MatchLength(System.Text.RegularExpressions.Regex regex, int p)
    {
        var m = regex.Match(_s, p);
        return m.Success && m.Index == p ? m.Length : 0;
    }

    /// <summary>"keyword"[ \n\t]*"(" — the length including the parenthesis, or 0.</summary>
    private int ObjectKeyword(int p, string keyword)
    {
        int n = Keyword(p, keyword);
        if (n == 0) return 0;
        int i = p + n;
        while (i < _s.Length && _s[i] is ' ' or '\n' or '\t') i++;
        return At(i) == '(' ? i + 1 - p : 0;
    }

    // "~" | "*" | \-\/[^*][^\n]* | \/[^*][^\n]* | :[a-z0-9]+:[^\n]* | [\|\.\-\@\^?~>][^\n]+ | [a-z0-9_][a-z0-9_\-\+,;]*
    private int LegacyActionLength(int p)
    {
        char c = _s[p];
        int best = c is '~' or '*' ? 1 : 0;
        if (c == '-' && At(p + 1) == '/' && p + 2 < _s.Length && _s[p + 2] != '*')
            best = Math.Max(best, 3 + RestOfLine(p + 3));
        if (c == '/' && p + 1 < _s.Length && _s[p + 1] != '*')
            best = Math.Max(best, 2 + RestOfLine(p + 2));
        if (c == ':')
        {
            int n = RunWhile(p + 1, ch => IsLetter(ch) || IsDigit(ch));
            if (n > 0 && At(p + 1 + n) == ':') best = Math.Max(best, 2 + n + RestOfLine(p + 2 + n));
        }
        if (c is '|' or '.' or '-' or '@' or '^' or '?' or '~' or '>')
        {
            int rest = RestOfLine(p + 1);
            if (rest > 0) best = Math.Max(best, 1 + rest);
        }
        if (IsLetter(c) || IsDigit(c) || c == '_')
            best = Math.Max(best, 1 + RunWhile(p + 1, ch => IsLetter(ch) || IsDigit(ch) || ch is '_' or '-' or '+' or ',' or ';'));
        return best;
    }

    // \$[a-z]+.*$
    private int DirectiveLength(int p)
    {
        if (_s[p] != '$' || !IsLetter(At(p + 1))) return 0;
        return RestOfLine(p);
    }

    // ![^ \t\n]+[ \t]*$
    private int BsdTagLength(int p)
    {
        if (_s[p] != '!') return 0;
        int n = RunWhile(p + 1, c => c is not (' ' or '\t' or '\n'));
        if (n == 0) return 0;
        int i = p + 1 + n;
        i += RunWhile(i, c => c is ' ' or '\t');
        return IsEndOfLine(i) ? i - p : 0;
    }

    // [+-]\*[ \t\n]*#.*$
    private int BsdHostCommentLength(int p)
    {
        if (_s[p] is not ('+' or '-') || At(p + 1) != '*') return 0;
        int i = p + 2 + RunWhile(p + 2, c => c is ' ' or '\t' or '\n');
        return At(i) == '#' ? i + RestOfLine(i) - p : 0;
    }

    // [+-]\*[ \t\n]*$ — flex backs off to the last position that is followed by a newline.
    private int BsdHostAllLength(int p)
    {
        if (_s[p] is not ('+' or '-') || At(p + 1) != '*') return 0;
        int end = p + 2 + RunWhile(p + 2, c => c is ' ' or '\t' or '\n');
        for (int i = end; i >= p + 2; i--)
            if (i < _s.Length && _s[i] == '\n') return i - p;
        return 0;
    }

    // ^[ \t]*[+-][a-z0-9.:-]+[ \t]*$
    private int BsdHostLength(int p)
    {
        int i = p + RunWhile(p, c => c is ' ' or '\t');
        if (At(i) is not ('+' or '-')) return 0;
        int n = RunWhile(i + 1, c => IsLetter(c) || IsDigit(c) || c is '.' or ':' or '-');
        if (n == 0) return 0;
        i += 1 + n;
        i += RunWhile(i, c => c is ' ' or '\t');
        return IsEndOfLine(i) ? i - p : 0;
    }
}
