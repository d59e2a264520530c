namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// One glibc x86_64 <c>struct utmp</c> record (384 bytes): ut_type (short) at 0, ut_line[32] at 8, ut_user[32] at 44.
/// The fixed-size text fields are cut at their first NUL, as rsyslog's strncmp/strncat read them.
/// </summary>
public readonly ref struct UtmpEntry
{
    public const int Size = 384;
    public const short UserProcess = 7; // USER_PROCESS
    public const int FieldSize = 32;    // UT_LINESIZE, UT_NAMESIZE
    private const int LineOffset = 8;
    private const int UserOffset = 44;

    public UtmpEntry(ReadOnlySpan<byte> record)
    {
        Type = (short)(record[0] | (record[1] << 8));
        Line = CutAtNul(record.Slice(LineOffset, FieldSize));
        User = CutAtNul(record.Slice(UserOffset, FieldSize));
    }

    public short Type { get; }
    /// <summary>The terminal under /dev ("pts/0", "tty1").</summary>
    public ReadOnlySpan<byte> Line { get; }
    public ReadOnlySpan<byte> User { get; }

    /// <summary>
    /// Whether omusrmsg writes to this entry at all (omusrmsg.c wallmsg): a used slot, a USER_PROCESS, and not
    /// the "LOGIN" placeholder.
    /// </summary>
    public bool IsLoggedInUser => User.Length > 0 && Type == UserProcess && !User.SequenceEqual("LOGIN"u8);

    private static ReadOnlySpan<byte> CutAtNul(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }
}
