using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;

namespace Sluice.Engine.Modifiers;

/// <summary>
/// mmjsonparse: parses MSG (or the raw message) as JSON into the container ($! by default), as rsyslog's
/// plugins/mmjsonparse doAction does in 8.2302, checked against rsyslogd:
/// <list type="bullet">
/// <item>leading white space (C isspace) is skipped, then the text must start with the cookie ("@cee:", or anything
///   when the cookie is ""); the rest must be one JSON object, optionally followed by white space (json-c's
///   char_offset must reach the end) — arrays, numbers, trailing text and broken JSON fail;</item>
/// <item>success: the object is added as "set" adds it (merged into an existing object), parsesuccess "OK";</item>
/// <item>failure: {"msg": text} is added instead — the text after the cookie, or, without the cookie, the text
///   after the leading white space — and parsesuccess is "FAIL". The message itself is never changed.</item>
/// </list>
/// The text ends at the first NUL byte, as rsyslog's C strings do.
/// </summary>
public sealed class JsonParser : MessageModifier
{
    private static readonly byte[] MsgKey = "msg"u8.ToArray();

    private readonly byte[] _cookie;

    public JsonParser(byte[] cookie, VariablePath container, bool useRawMsg)
    {
        _cookie = cookie;
        Container = container;
        UseRawMsg = useRawMsg;
    }

    public ReadOnlySpan<byte> Cookie => _cookie;
    public VariablePath Container { get; }
    public bool UseRawMsg { get; }

    public override void Modify(Message message)
    {
        var text = UseRawMsg ? message.Raw : message.Slice(message.Msg);
        int nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        int start = 0;
        while (start < text.Length && IsSpace(text[start])) start++;
        text = text[start..];

        var variables = message.GetOrCreateVariables();
        var tree = variables.For(Container.Scope);
        bool success = false;
        if (text.Length > 0 && text.StartsWith(_cookie))
        {
            text = text[_cookie.Length..];
            var json = JsonReader.Parse(text, variables.Pool, out int consumed);
            if (json is { Kind: JsonKind.Object } && consumed == text.Length)
            {
                tree.Set(Container, json, reset: false);
                success = true;
            }
            else if (json is not null)
            {
                variables.Pool.Return(json);
            }
        }

        if (!success)
        {
            var wrapper = variables.Pool.Rent(JsonKind.Object);
            wrapper.AddMember(MsgKey, variables.Pool.RentString(text));
            tree.Set(Container, wrapper, reset: false);
        }
        message.ParseSuccess = success;
    }

    /// <summary>C's isspace in the "C" locale.</summary>
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
