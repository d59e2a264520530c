namespace Sluice.Engine.Messages.Variables;

/// <summary>
/// How rsyslog 8.2302 compares member names: libfastjson looks keys up with strcasecmp (rsyslog leaves the
/// library's case-insensitive default), so "$!A" and "$!a" are the same variable and the first spelling written is
/// kept — checked with rsyslogd: set $!A = 2; set $!a = 3 renders { "A": 3 }.
/// </summary>
public static class JsonKeys
{
    public static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            byte x = a[i], y = b[i];
            if (x == y) continue;
            if ((uint)((x | 0x20) - 'a') > 'z' - 'a' || (x | 0x20) != (y | 0x20)) return false;
        }
        return true;
    }
}
