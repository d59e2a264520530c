using Sluice.Engine.Messages;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Outputs;

namespace Sluice.Engine.Templates;

/// <summary>
/// template(type="subtree" subtree="$!…"): the message's JSON below the path, as rsyslog's getJSONPropVal gives it
/// (json_object_get_string: an object or array in libfastjson's spaced format, a string as it is, nothing when the
/// path is absent), without a line end.
/// <para>
/// Deviation, on purpose: rsyslogd 8.2302's tplToString copies that text but never sets its length (iparam->lenStr),
/// so omfile writes nothing at all for a subtree template. Sluice writes the subtree, which is what the template
/// type is documented to do.
/// </para>
/// </summary>
public sealed class SubtreeTemplate : Template
{
    public SubtreeTemplate(string name, VariablePath subtree) : base(name) => Subtree = subtree;

    public VariablePath Subtree { get; }

    public override void Render(Message message, ByteBuffer destination, in RenderContext context) =>
        message.Variables?.Render(Subtree, destination);
}
