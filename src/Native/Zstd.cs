using System.Runtime.InteropServices;

namespace Sluice.Native;

/// <summary>ZSTD_EndDirective: what <see cref="Zstd.CompressStream"/> does with the data it holds.</summary>
public enum ZstdEndDirective
{
    /// <summary>Compress as much as is efficient; output may be held back.</summary>
    Continue = 0,
    /// <summary>Emit everything given so far as complete blocks (the frame stays open).</summary>
    Flush = 1,
    /// <summary>Emit everything and close the frame (epilogue, optional checksum).</summary>
    End = 2,
}

/// <summary>
/// The streaming API of the system's libzstd (libzstd.so.1, package libzstd1), as rsyslog's omfwd/imtcp use it.
/// Contexts are plain handles (IntPtr): the owners in the engine free them exactly once. The span wrappers pin
/// their buffers for the call only and never allocate; results are zstd's size_t codes, tested with
/// <see cref="IsError"/> (the error text, <see cref="ErrorName"/>, allocates and is for the cold error path).
/// </summary>
public static unsafe partial class Zstd
{
    private const string Lib = "libzstd.so.1";

    /// <summary>ZSTD_c_compressionLevel.</summary>
    private const int CompressionLevelParameter = 100;
    /// <summary>ZSTD_d_windowLogMax.</summary>
    private const int WindowLogMaxParameter = 100;
    /// <summary>ZSTD_CONTENTSIZE_UNKNOWN / ZSTD_CONTENTSIZE_ERROR.</summary>
    public const ulong ContentSizeUnknown = ulong.MaxValue;
    public const ulong ContentSizeError = ulong.MaxValue - 1;
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

    [StructLayout(LayoutKind.Sequential)]
    private struct InBuffer
    {
        public void* Src;
        public nuint Size;
        public nuint Pos;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OutBuffer
    {
        public void* Dst;
        public nuint Size;
        public nuint Pos;
    }

    /// <summary>ZSTD_frameHeader (zstd 1.5), with room to spare so that a library with a longer struct cannot
    /// write past it.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct FrameHeader
    {
        public ulong FrameContentSize;
        public ulong WindowSize;
        public uint BlockSizeMax;
        public int FrameType;
        public uint HeaderSize;
        public uint DictId;
        public uint ChecksumFlag;
        public uint Reserved1;
        public uint Reserved2;
    }

    [LibraryImport(Lib)] private static partial nint ZSTD_createCCtx();
    [LibraryImport(Lib)] private static partial nuint ZSTD_freeCCtx(nint cctx);
    [LibraryImport(Lib)] private static partial nuint ZSTD_CCtx_setParameter(nint cctx, int parameter, int value);
    [LibraryImport(Lib)] private static partial nuint ZSTD_compressStream2(nint cctx, OutBuffer* output, InBuffer* input, ZstdEndDirective endOp);
    [LibraryImport(Lib)] private static partial nint ZSTD_createDStream();
    [LibraryImport(Lib)] private static partial nuint ZSTD_freeDStream(nint dstream);
    [LibraryImport(Lib)] private static partial nuint ZSTD_initDStream(nint dstream);
    [LibraryImport(Lib)] private static partial nuint ZSTD_DCtx_setParameter(nint dctx, int parameter, int value);
    [LibraryImport(Lib)] private static partial nuint ZSTD_decompressStream(nint dstream, OutBuffer* output, InBuffer* input);
    [LibraryImport(Lib)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Lib)] private static partial byte* ZSTD_getErrorName(nuint code);
    [LibraryImport(Lib)] private static partial nuint ZSTD_getFrameHeader(FrameHeader* header, void* src, nuint srcSize);
    [LibraryImport(Lib)] private static partial uint ZSTD_versionNumber();

    /// <summary>The library's version as MAJOR*10000 + MINOR*100 + RELEASE (throws DllNotFoundException when libzstd is missing).</summary>
    public static int VersionNumber => (int)ZSTD_versionNumber();

    /// <summary>A new compression context with <paramref name="level"/>; throws <see cref="NativeException"/> on failure.</summary>
    public static nint CreateCompressor(int level)
    {
        nint cctx = ZSTD_createCCtx();
        if (cctx == 0) throw new NativeException("ZSTD_createCCtx", Errno.ENOMEM);
        nuint rc = ZSTD_CCtx_setParameter(cctx, CompressionLevelParameter, level);
        if (IsError(rc))
        {
            ZSTD_freeCCtx(cctx);
            throw new NativeException("ZSTD_CCtx_setParameter", Errno.EINVAL, $"compression level {level}: {ErrorName(rc)}");
        }
        return cctx;
    }

    public static void FreeCompressor(nint cctx)
    {
        if (cctx != 0) ZSTD_freeCCtx(cctx);
    }

    /// <summary>
    /// ZSTD_compressStream2: consumes from <paramref name="input"/> (advancing <paramref name="inputPos"/>) and
    /// writes to <paramref name="output"/> (advancing <paramref name="outputPos"/>). For Flush and End the result
    /// is the number of bytes still to be written (call again with fresh output space until 0); otherwise a hint.
    /// </summary>
    public static nuint CompressStream(nint cctx, Span<byte> output, ref int outputPos, ReadOnlySpan<byte> input, ref int inputPos,
        ZstdEndDirective directive)
    {
        fixed (byte* o = output)
        fixed (byte* i = input)
        {
            var ob = new OutBuffer { Dst = o, Size = (nuint)output.Length, Pos = (nuint)outputPos };
            var ib = new InBuffer { Src = i, Size = (nuint)input.Length, Pos = (nuint)inputPos };
            nuint rc = ZSTD_compressStream2(cctx, &ob, &ib, directive);
            outputPos = (int)ob.Pos;
            inputPos = (int)ib.Pos;
            return rc;
        }
    }

    /// <summary>A new streaming decompressor; <paramref name="windowLogMax"/> &gt; 0 caps the window it accepts (ZSTD_d_windowLogMax).</summary>
    public static nint CreateDecompressor(int windowLogMax = 0)
    {
        nint ds = ZSTD_createDStream();
        if (ds == 0) throw new NativeException("ZSTD_createDStream", Errno.ENOMEM);
        nuint rc = ZSTD_initDStream(ds);
        if (!IsError(rc) && windowLogMax > 0) rc = ZSTD_DCtx_setParameter(ds, WindowLogMaxParameter, windowLogMax);
        if (IsError(rc))
        {
            ZSTD_freeDStream(ds);
            throw new NativeException("ZSTD_initDStream", Errno.EINVAL, ErrorName(rc));
        }
        return ds;
    }

    public static void FreeDecompressor(nint dstream)
    {
        if (dstream != 0) ZSTD_freeDStream(dstream);
    }

    /// <summary>
    /// ZSTD_decompressStream. Returns 0 when a frame is completely decoded and flushed, an error code, or a hint
    /// &gt; 0 (more input expected, or more output pending when the output span was filled).
    /// </summary>
    public static nuint DecompressStream(nint dstream, Span<byte> output, ref int outputPos, ReadOnlySpan<byte> input, ref int inputPos)
    {
        fixed (byte* o = output)
        fixed (byte* i = input)
        {
            var ob = new OutBuffer { Dst = o, Size = (nuint)output.Length, Pos = (nuint)outputPos };
            var ib = new InBuffer { Src = i, Size = (nuint)input.Length, Pos = (nuint)inputPos };
            nuint rc = ZSTD_decompressStream(dstream, &ob, &ib);
            outputPos = (int)ob.Pos;
            inputPos = (int)ib.Pos;
            return rc;
        }
    }

    /// <summary>
    /// Reads a frame header (ZSTD_getFrameHeader). Returns 0 when decoded (window size in <paramref name="windowSize"/>),
    /// &gt; 0 = that many header bytes are needed, or an error code.
    /// </summary>
    public static nuint GetFrameHeader(ReadOnlySpan<byte> source, out ulong windowSize, out ulong contentSize)
    {
        FrameHeader h;
        fixed (byte* s = source)
        {
            nuint rc = ZSTD_getFrameHeader(&h, s, (nuint)source.Length);
            windowSize = rc == 0 ? h.WindowSize : 0;
            contentSize = rc == 0 ? h.FrameContentSize : ContentSizeUnknown;
            return rc;
        }
    }

    public static bool IsError(nuint code) => ZSTD_isError(code) != 0;

    /// <summary>zstd's text for an error code (allocates: cold path).</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? $"zstd error {code}";
}
