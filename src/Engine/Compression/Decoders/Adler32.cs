namespace Sluice.Engine.Compression.Decoders;

/// <summary>The Adler-32 checksum of RFC 1950 (the zlib trailer), computed incrementally.</summary>
public struct Adler32
{
    private const uint Mod = 65521;
    /// <summary>The largest run of bytes that cannot overflow the sums before the modulo.</summary>
    private const int Block = 5552;
    private uint _a;
    private uint _b;
    private bool _started;

    public uint Value => _started ? (_b << 16) | _a : 1;

    public void Update(ReadOnlySpan<byte> data)
    {
        if (!_started)
        {
            _a = 1;
            _b = 0;
            _started = true;
        }
        uint a = _a, b = _b;
        while (data.Length > 0)
        {
            int n = Math.Min(data.Length, Block);
            var run = data.Slice(0, n);
            for (int i = 0; i < run.Length; i++)
            {
                a += run[i];
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data.Slice(n);
        }
        _a = a;
        _b = b;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var adler = new Adler32();
        adler.Update(data);
        return adler.Value;
    }
}
