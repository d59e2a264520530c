using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

/// <summary>
/// parser() objects and ruleset(parser=…) are valid rsyslog (rsyslogd 8.2302 -N1 accepts them) but Sluice has only
/// its built-in RFC 3164/5424 parser chain: both are a clear error at their location, never silently ignored.
/// </summary>
public sealed class ParserObjectTests
{
    private static List<string> Errors(string text)
    {
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        var e = Assert.Throws<ConfigException>(() =>
            new PlanBuilder(BuiltInModules.CreateRegistry(), new TemplateFactory()).Build(ConfigLoader.LoadText(text, "test.conf"), services));
        return e.Errors.Select(x => x.ToString()).ToList();
    }

    [Fact]
    public void Parser_objects_and_ruleset_parsers_are_reported_where_they_stand()
    {
        Assert.Equal(
            "test.conf:1:1: parser() is not supported yet\n" +
            "test.conf:2:18: parameter 'parser' of ruleset() is not supported by Sluice yet",
            string.Join("\n", Errors("parser(name=\"custom\" type=\"pmrfc3164\" permit.squareBracketsInHostname=\"on\")\n" +
                                     "ruleset(name=\"r\" parser=\"custom\") { action(type=\"omfile\" file=\"/tmp/x\") }\n")));
    }
}
