using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Properties;

/// <summary>
/// A property's value by its rsyslog name, as "%name%" (or with a date format, "%name:::date-…%") renders it.
/// Cold path only (tests, diagnostics): it allocates. Templates render through <see cref="PropertyWriter"/>.
/// </summary>
public static class MessageProperties
{
    public static string Get(Message m, string property, DateFormat dateFormat = DateFormat.Default) =>
        Encoding.UTF8.GetString(GetBytes(m, property, dateFormat));

    /// <summary>The property's bytes; unknown names throw <see cref="ConfigException"/>.</summary>
    public static byte[] GetBytes(Message m, string property, DateFormat dateFormat = DateFormat.Default)
    {
        var id = PropertyNames.Resolve(property, SourceLocation.None);
        var buffer = new ByteBuffer(64);
        PropertyWriter.Append(buffer, id, m, new RenderContext(m.TimeGenerated, []), dateFormat);
        return buffer.WrittenSpan.ToArray();
    }
}
