using Sluice.Engine.Config.Legacy;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// A legacy forwarding action, decoded as omfwd.c parseSelectorAct does it:
/// <c>@host</c> (UDP), <c>@@host</c> (TCP), an option block <c>@@(z9,o)host</c> (z0..z9: single compression at that
/// level; o: octet-counted framing), <c>[IPv6]</c> hosts, <c>:port</c> and <c>;Template</c>. rsyslog logs bad options
/// and goes on; Sluice refuses them (see <see cref="Error"/>), as it refuses any configuration it cannot honour.
/// </summary>
public sealed record LegacyForwardAction
{
    public bool Tcp { get; init; }
    public string Target { get; init; } = "";
    public int TargetOffset { get; init; }
    /// <summary>Digits after ':'; null = the default port 514.</summary>
    public string? Port { get; init; }
    public int PortOffset { get; init; }
    public bool OctetCounted { get; init; }
    /// <summary>The digit after 'z' in the option block; null = no compression.</summary>
    public int? ZipLevel { get; init; }
    public int OptionsOffset { get; init; }
    public string? Template { get; init; }
    public int TemplateOffset { get; init; }
    /// <summary>Why the line is not a valid forwarding action (null = valid), and where.</summary>
    public string? Error { get; init; }
    public int ErrorOffset { get; init; }

    public static bool IsForwarding(string line) => line.Length > 0 && line[0] == '@';

    public static LegacyForwardAction Parse(string line)
    {
        int p = 1;
        bool tcp = p < line.Length && line[p] == '@';
        if (tcp) p++;

        bool octet = false;
        int? level = null;
        int optionsOffset = p;
        if (p < line.Length && line[p] == '(')
        {
            do
            {
                p++; // '(' or ','
                char c = p < line.Length ? line[p] : '\0';
                if (c == 'z')
                {
                    p++;
                    if (p >= line.Length || !char.IsAsciiDigit(line[p]))
                        return Invalid(p, $"Invalid compression level '{(p < line.Length ? line[p] : ' ')}' specified in forwarding action (z0..z9 expected)");
                    level = line[p++] - '0';
                }
                else if (c == 'o')
                {
                    p++;
                    octet = true;
                }
                else
                {
                    return Invalid(p, $"Invalid option '{c}' in forwarding action (z0..z9 or o expected)");
                }
                if (p < line.Length && line[p] is not (')' or ','))
                    return Invalid(p, $"unexpected text in the forwarding action's option block: '{line[p..]}'");
            }
            while (p < line.Length && line[p] == ',');
            if (p >= line.Length || line[p] != ')') return Invalid(p, "Option block not terminated in forwarding action.");
            p++;
        }

        int hostStart = p;
        string host;
        if (p < line.Length && line[p] == '[')
        {
            int close = line.IndexOf(']', p);
            if (close < 0) return Invalid(p, "'[' without ']' around the target address");
            host = line[(p + 1)..close];
            hostStart = p + 1;
            p = close + 1;
        }
        else
        {
            while (p < line.Length && line[p] is not (';' or ':' or '#') && !char.IsWhiteSpace(line[p])) p++;
            host = line[hostStart..p];
        }
        if (host.Length == 0) return Invalid(hostStart, "forwarding action without a target host");

        string? port = null;
        int portOffset = 0;
        if (p < line.Length && line[p] == ':')
        {
            portOffset = ++p;
            while (p < line.Length && char.IsAsciiDigit(line[p])) p++;
            port = line[portOffset..p];
            if (port.Length == 0) return Invalid(portOffset, "':' must be followed by the port number");
        }

        int junk = p;
        while (p < line.Length && line[p] is not (';' or '#') && !char.IsWhiteSpace(line[p])) p++;
        if (p > junk) return Invalid(junk, $"unexpected text after the target: '{line[junk..p]}'");

        string? template = LegacyLineText.TemplateSuffix(line, ref p, out int templateOffset);
        if (p < line.Length && line[p] != '#')
            return Invalid(p, $"unexpected text in the forwarding action: '{line[p..].TrimEnd()}'");

        return new LegacyForwardAction
        {
            Tcp = tcp, Target = host, TargetOffset = hostStart, Port = port, PortOffset = portOffset, OctetCounted = octet,
            ZipLevel = level, OptionsOffset = optionsOffset, Template = template, TemplateOffset = templateOffset,
        };
    }

    private static LegacyForwardAction Invalid(int offset, string message) => new() { Error = message, ErrorOffset = offset };

    private static int SkipSpace(string s, int p) => LegacyLineText.SkipSpace(s, p);
}
