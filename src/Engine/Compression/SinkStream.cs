namespace Sluice.Engine.Compression;

/// <summary>
/// A write-only <see cref="Stream"/> over an <see cref="IByteSink"/>, so that System.IO.Compression's ZLibStream
/// can write its output straight to the sink. <see cref="Detach"/> drops everything written afterwards (used when
/// the connection is already gone and the compressor is only being released).
/// </summary>
internal sealed class SinkStream : Stream
{
    private IByteSink? _sink;

    public SinkStream(IByteSink sink) => _sink = sink;

    public void Detach() => _sink = null;

    public override void Write(ReadOnlySpan<byte> buffer) => _sink?.Write(buffer);
    public override void Write(byte[] buffer, int offset, int count) => _sink?.Write(new ReadOnlySpan<byte>(buffer, offset, count));
    public override void WriteByte(byte value) => _sink?.Write(new ReadOnlySpan<byte>(in value));
    public override void Flush() { }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
