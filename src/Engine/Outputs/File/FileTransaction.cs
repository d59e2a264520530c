using Sluice.Engine.Messages;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>A queue worker's batch for one omfile action: lines are rendered into its own staging buffer.</summary>
internal sealed class FileTransaction : OutputTransaction
{
    private readonly FileOutput _output;
    private readonly Template _template;
    private readonly ByteBuffer _staging = new(16 * 1024);

    public FileTransaction(FileOutput output, Template template)
    {
        _output = output;
        _template = template;
    }

    public override ActionResult Add(Message message, in RenderContext context)
    {
        _template.Render(message, _staging, context);
        return ActionResult.Ok;
    }

    public override ActionResult Commit()
    {
        var result = _output.Commit(_staging.WrittenSpan);
        _staging.Clear();
        return result;
    }

    public override void Discard() => _staging.Clear();
}
