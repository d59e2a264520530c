using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>Where one message's path and line sit in a dynaFile transaction's staging buffer: the path, then the line.</summary>
internal readonly record struct DynaFileRecord(int Start, int PathLength, int LineLength);

/// <summary>
/// A queue worker's batch for one dynaFile action: each message's path and line are rendered one after the other
/// into one staging buffer, with a record of offsets, so a batch costs no allocation once the buffers have grown.
/// </summary>
internal sealed class DynaFileTransaction : OutputTransaction
{
    private readonly DynaFileOutput _output;
    private readonly Template _template;
    private readonly Template _pathTemplate;
    private readonly ByteBuffer _staging = new(16 * 1024);
    private DynaFileRecord[] _records = new DynaFileRecord[64];
    private int _count;

    public DynaFileTransaction(DynaFileOutput output, Template template, Template pathTemplate)
    {
        _output = output;
        _template = template;
        _pathTemplate = pathTemplate;
    }

    public override ActionResult Add(Message message, in RenderContext context)
    {
        int start = _staging.Length;
        _pathTemplate.Render(message, _staging, context);
        int pathLength = _staging.Length - start;
        var problem = DynaFilePath.Check(_staging.WrittenSpan.Slice(start, pathLength));
        if (problem != DynaFilePathProblem.None)
        {
            _output.Refused(_staging.WrittenSpan.Slice(start, pathLength), problem);
            _staging.Truncate(start);
            return ActionResult.DataFail;
        }
        _template.Render(message, _staging, context);
        if (_count == _records.Length) Array.Resize(ref _records, _count * 2);
        _records[_count++] = new DynaFileRecord(start, pathLength, _staging.Length - start - pathLength);
        return ActionResult.Ok;
    }

    public override ActionResult Commit()
    {
        var result = _output.Commit(_staging.WrittenSpan, _records.AsSpan(0, _count));
        Discard();
        return result;
    }

    public override void Discard()
    {
        _staging.Clear();
        _count = 0;
    }
}
