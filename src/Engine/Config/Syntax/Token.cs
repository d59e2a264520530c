using Sluice.Engine.Config.Ast;

namespace Sluice.Engine.Config.Syntax;

/// <summary>One token with where it starts. Cold path: a class is fine.</summary>
public sealed class Token
{
    public Token(TokenKind kind, string text, SourceLocation location, int position)
    {
        Kind = kind;
        Text = text;
        Location = location;
        Position = position;
    }

    public TokenKind Kind { get; }
    /// <summary>The lexeme, or the decoded value for strings, or the name for variables.</summary>
    public string Text { get; }
    public SourceLocation Location { get; }
    /// <summary>Offset in the preprocessed <see cref="SourceText"/>.</summary>
    public int Position { get; }
    /// <summary>For <see cref="TokenKind.Number"/>.</summary>
    public long Number { get; init; }
    /// <summary>For <see cref="TokenKind.BeginObject"/>.</summary>
    public ObjectKind ObjectKind { get; init; }
    /// <summary>For <see cref="TokenKind.Invalid"/>: what is wrong.</summary>
    public string? Error { get; init; }

    public override string ToString() => $"{Kind} '{Text}' at {Location}";
}
