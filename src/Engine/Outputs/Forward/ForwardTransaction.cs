using Sluice.Engine.Compression;
using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.Forward;

/// <summary>
/// A queue worker's batch for one omfwd action. <see cref="Add"/> does all per-message work that does not depend
/// on the connection, in parallel across workers: render, cut to maxMessageSize (omfwd processMsg), single
/// compression, TCP framing. <see cref="Commit"/> hands the finished frames to the output in batch order. With
/// stream:always zlib, <see cref="Seal"/> (in batch order) takes the history the batch will follow and
/// <see cref="Prepare"/> compresses a large batch with it on the worker's thread (<see cref="ZlibBlockCompressor"/>),
/// so workers compress in parallel and the connection only splices the result in.
/// </summary>
internal sealed class ForwardTransaction : OutputTransaction
{
    private readonly ForwardOutput _output;
    private readonly Template _template;
    private readonly ForwardSettings _settings;
    private readonly FrameBatch _batch = new();
    private readonly ByteBuffer _render;
    private readonly SingleMessageCompressor? _single;
    private readonly ZlibBlockCompressor? _blocks;
    private readonly bool _renderInPlace;
    private bool _sealed;
    private bool _compressAhead;

    public ForwardTransaction(ForwardOutput output, Template template, ForwardSettings settings)
    {
        _output = output;
        _template = template;
        _settings = settings;
        if (settings.Compression == ForwardCompression.Single) _single = new SingleMessageCompressor();
        // RebindInterval may switch connections inside a batch: such batches stay plain for the output to split.
        if (settings.Protocol == ForwardProtocol.Tcp && settings.Compression == ForwardCompression.StreamAlways
            && settings.CompressionDriver == CompressionDriver.Zlib && settings.RebindInterval == 0)
            _blocks = new ZlibBlockCompressor(settings.ZipLevel);
        // Without single compression and octet counting the frame is the rendered text (plus a delimiter):
        // render straight into the batch. Otherwise render aside and frame from there.
        _renderInPlace = _single is null && (settings.Protocol == ForwardProtocol.Udp || settings.Framing == TcpFraming.Traditional);
        _render = _renderInPlace ? _batch.Data : new ByteBuffer(1024);
    }

    public override ActionResult Add(Message message, in RenderContext context)
    {
        var data = _batch.Data;
        if (_renderInPlace)
        {
            int start = data.Length;
            _template.Render(message, data, context);
            data.Truncate(start + _settings.MaxMessageSize);
            if (_settings.Protocol == ForwardProtocol.Tcp)
            {
                // A rendered message starting with 'z' is octet-counted even without compression (as rsyslog).
                var text = data.WrittenSpan[start..];
                if (FrameBuilder.IsOctetCounted(text, _settings.Framing))
                    Reframe(start);
                else
                    FrameBuilder.AppendDelimiterIfMissing(data, text, _settings.FrameDelimiter);
            }
        }
        else
        {
            _render.Clear();
            _template.Render(message, _render, context);
            var payload = _render.WrittenSpan;
            if (payload.Length > _settings.MaxMessageSize) payload = payload[.._settings.MaxMessageSize];
            if (_single is not null && _single.TryCompress(payload, _settings.ZipLevel)) payload = _single.Result;
            if (_settings.Protocol == ForwardProtocol.Tcp)
                FrameBuilder.Append(data, payload, _settings.Framing, _settings.FrameDelimiter);
            else
                data.Append(payload);
        }
        _batch.EndFrame();
        return ActionResult.Ok;
    }

    public override ActionResult Commit()
    {
        if (_batch.Count == 0) return ActionResult.Ok;
        if (!_sealed)
        {
            // A retry renders again without a seal (or a caller that does not seal): do both here.
            Seal();
            Prepare();
        }
        var result = _output.Deliver(_batch);
        Unseal();
        _batch.Clear();
        return result;
    }

    /// <summary>
    /// stream:always zlib, in batch order: whether this batch is compressed ahead (large, and another batch in
    /// flight to overlap with), and the plaintext expected before it as its primer.
    /// </summary>
    public override void Seal()
    {
        if (_blocks is null || _batch.Count == 0 || _sealed) return;
        _sealed = true;
        var plain = _batch.Data.WrittenSpan;
        bool large = plain.Length >= ZlibBlockCompressor.MinimumBatchBytes;
        _compressAhead = _output.NoteSealed(plain, large ? _blocks.Primer : null) && large;
    }

    /// <summary>stream:always zlib: a batch chosen at the seal is compressed here, on the worker's thread.</summary>
    public override void Prepare()
    {
        if (!_compressAhead || _batch.Compressed is not null) return;
        _blocks!.Compress(_batch.Data.WrittenSpan);
        _batch.Compressed = _blocks;
    }

    /// <summary>Whether this batch was compressed on the worker's thread (for tests).</summary>
    internal bool CompressedAhead => _batch.Compressed is not null;

    public override void Discard()
    {
        Unseal();
        _batch.Clear();
    }

    private void Unseal()
    {
        if (_sealed) _output.NoteDone();
        _sealed = false;
        _compressAhead = false;
    }

    /// <summary>Moves the message rendered at <paramref name="start"/> behind an octet-count header (rare: text starting with 'z').</summary>
    private void Reframe(int start)
    {
        var data = _batch.Data;
        int length = data.Length - start;
        Span<byte> header = stackalloc byte[12];
        System.Buffers.Text.Utf8Formatter.TryFormat(length, header, out int n);
        header[n++] = (byte)' ';
        data.GetSpan(n);
        data.Advance(n);
        var raw = data.RawArray;
        raw.AsSpan(start, length).CopyTo(raw.AsSpan(start + n));
        header[..n].CopyTo(raw.AsSpan(start));
    }
}
