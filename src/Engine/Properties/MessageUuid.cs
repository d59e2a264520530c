using System.Buffers.Binary;
using System.Security.Cryptography;
using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// The uuid property (msg.c getUUID/msgSetUUID): a random (version 4) UUID, generated the first time a template or
/// filter asks for it and then the same for every later use of that message, printed as 32 uppercase hex digits
/// without dashes ("74DE7F69D056429EAB09EC3F93D444C3", as rsyslogd 8.2302 prints it).
/// </summary>
public static class MessageUuid
{
    public const int TextLength = 32;

    /// <summary>True once the message has a uuid (jsonmesg shows "uuid": null before that, as rsyslog does).</summary>
    public static bool HasUuid(Message m) => Volatile.Read(ref m.UuidState) == 2;

    public static void Append(ByteBuffer dest, Message m)
    {
        var value = GetOrCreate(m);
        var text = dest.GetSpan(TextLength);
        for (int i = 0; i < TextLength; i++)
            text[i] = (byte)"0123456789ABCDEF"[(int)(value >> (124 - 4 * i)) & 0xF];
        dest.Advance(TextLength);
    }

    /// <summary>
    /// The message's uuid, created on first use. Several actions may render one message at once on different
    /// threads (rsyslog takes the message lock); the first to claim the slot stores its value, the others wait for it.
    /// </summary>
    public static UInt128 GetOrCreate(Message m)
    {
        if (Volatile.Read(ref m.UuidState) == 2) return m.UuidValue;
        if (Interlocked.CompareExchange(ref m.UuidState, 1, 0) == 0)
        {
            m.UuidValue = NewRandom();
            Volatile.Write(ref m.UuidState, 2);
            return m.UuidValue;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref m.UuidState) != 2) spin.SpinOnce();
        return m.UuidValue;
    }

    /// <summary>A message read back from a disk queue gets the uuid it had when it was written (a fresh message only).</summary>
    public static void Restore(Message m, UInt128 value)
    {
        m.UuidValue = value;
        Volatile.Write(ref m.UuidState, 2);
    }

    /// <summary>libuuid's uuid_generate with a random source: RFC 4122 version 4, variant 10.</summary>
    private static UInt128 NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
