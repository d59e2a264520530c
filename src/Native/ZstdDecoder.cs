using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>
/// The decompression side of the system's libzstd.so.1 (streaming API). Nothing here allocates on the managed
/// heap per call; the stream handle is owned by the caller, who frees it with <see cref="Free"/>. Compression-side
/// bindings live elsewhere (Zstd.cs).
/// </summary>
public static unsafe partial class ZstdDecoder
{
    /// <summary>ZSTD_inBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct InBuffer
    {
        public void* Src;
        public nuint Size;
        public nuint Pos;
    }

    /// <summary>ZSTD_outBuffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct OutBuffer
    {
        public void* Dst;
        public nuint Size;
        public nuint Pos;
    }

    /// <summary>
    /// ZSTD_frameHeader as libzstd 1.5 declares it, with room to spare at the end so that a library with a longer
    /// struct cannot write past it.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct FrameHeader
    {
        /// <summary>ZSTD_CONTENTSIZE_UNKNOWN (ulong.MaxValue) when the sender did not say.</summary>
        public ulong FrameContentSize;
        /// <summary>The history the decoder must keep: what decoding this frame costs in memory.</summary>
        public ulong WindowSize;
        public uint BlockSizeMax;
        /// <summary>0 = ZSTD_frame, 1 = ZSTD_skippableFrame.</summary>
        public int FrameType;
        public uint HeaderSize;
        public uint DictId;
        public uint ChecksumFlag;
    }

    private const string Lib = "libzstd.so.1";
    /// <summary>ZSTD_FRAMEHEADERSIZE_MAX: a frame header is never longer.</summary>
    public const int FrameHeaderSizeMax = 18;

    private static readonly Lazy<bool> s_available = new(() =>
    {
        if (!NativeLibrary.TryLoad(Lib, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    });

    /// <summary>Whether libzstd.so.1 can be loaded on this host.</summary>
    public static bool IsAvailable => s_available.Value;

    /// <summary>ZSTD_createDStream + ZSTD_initDStream. Throws when libzstd cannot create one.</summary>
    public static nint Create()
    {
        nint zds = ZSTD_createDStream();
        if (zds == 0) throw new InvalidOperationException("ZSTD_createDStream failed");
        nuint rc = ZSTD_initDStream(zds);
        if (IsError(rc))
        {
            ZSTD_freeDStream(zds);
            throw new InvalidOperationException($"ZSTD_initDStream failed: {ErrorName(rc)}");
        }
        return zds;
    }

    public static void Free(nint zds)
    {
        if (zds != 0) ZSTD_freeDStream(zds);
    }

    /// <summary>
    /// ZSTD_decompressStream: decodes from <paramref name="input"/> into <paramref name="output"/>, advancing both
    /// positions. Returns 0 when a frame is complete and fully flushed, a hint &gt; 0 otherwise, or an error code
    /// (test with <see cref="IsError"/>).
    /// </summary>
    public static nuint DecompressStream(nint zds, ref OutBuffer output, ref InBuffer input)
    {
        fixed (OutBuffer* o = &output)
        fixed (InBuffer* i = &input)
            return ZSTD_decompressStream(zds, o, i);
    }

    /// <summary>
    /// ZSTD_getFrameHeader: 0 when <paramref name="header"/> was filled, &gt; 0 the number of bytes needed to tell,
    /// or an error code (not a zstd frame).
    /// </summary>
    public static nuint GetFrameHeader(out FrameHeader header, ReadOnlySpan<byte> source)
    {
        FrameHeader h = default;
        nuint rc;
        fixed (byte* p = source)
            rc = ZSTD_getFrameHeader(&h, p, (nuint)source.Length);
        header = h;
        return rc;
    }

    public static bool IsError(nuint code) => ZSTD_isError(code) != 0;

    /// <summary>libzstd's text for an error code (cold path: allocates the string).</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? $"zstd error {code}";

    [LibraryImport(Lib)] private static partial nint ZSTD_createDStream();
    [LibraryImport(Lib)] private static partial nuint ZSTD_initDStream(nint zds);
    [LibraryImport(Lib)] private static partial nuint ZSTD_freeDStream(nint zds);
    [LibraryImport(Lib)] private static partial nuint ZSTD_decompressStream(nint zds, OutBuffer* output, InBuffer* input);
    [LibraryImport(Lib)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Lib)] private static partial byte* ZSTD_getErrorName(nuint code);
    [LibraryImport(Lib)] private static partial nuint ZSTD_getFrameHeader(FrameHeader* header, void* source, nuint sourceSize);
}
