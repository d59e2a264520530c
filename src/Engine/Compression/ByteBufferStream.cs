using Sluice.Engine.Templates;

namespace Sluice.Engine.Compression;

/// <summary>A write-only <see cref="Stream"/> appending to a <see cref="ByteBuffer"/> (reused; no copies beyond the append).</summary>
internal sealed class ByteBufferStream : Stream
{
    private readonly ByteBuffer _buffer;

    public ByteBufferStream(ByteBuffer buffer) => _buffer = buffer;

    public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Append(buffer);
    public override void Write(byte[] buffer, int offset, int count) => _buffer.Append(new ReadOnlySpan<byte>(buffer, offset, count));
    public override void WriteByte(byte value) => _buffer.Append(value);
    public override void Flush() { }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _buffer.Length;
    public override long Position { get => _buffer.Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
