using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

/// <summary>Damaged configs must end in a list of errors, never in a hang or another exception.</summary>
public class RobustnessTests
{
    private const string Corpus =
        "global(workDirectory=\"/var/spool/x\" maxMessageSize=\"64k\")\n" +
        "main_queue(queue.size=\"1000\")\n" +
        "module(load=\"imtcp\" MaxSessions=\"500\") # comment\n" +
        "input(type=\"imtcp\" port=\"10514\" address=\"127.0.0.1\" ruleset=\"RSYSLOG_DefaultRuleset\")\n" +
        "template(name=\"t\" type=\"string\" string=\"%msg%\\n\")\n" +
        "/* block */ *.*;auth,authpriv.none -/var/log/syslog;t\n" +
        "mail.* { action(type=\"omfile\" file=\"/var/log/mail\") stop }\n" +
        "if $msg contains 'x' and not ($syslogseverity < 3) then { set $.a = 1 + 2; call r } else ~\n" +
        "foreach ($.i in $!list) do unset $.i;\n" +
        ":msg, contains, \"y\" /var/log/y\n" +
        "$ModLoad imudp\n" +
        "ruleset(name=\"r\") { reload_lookup_table(\"t\") }\n" +
        "& @@host:514\n";

    [Fact]
    public void Mutated_configs_parse_and_bind_to_errors_only()
    {
        var random = new Random(1234);
        const string alphabet = "()[]{}\"'`=,;:.*!$#/\\\n &|@~-+<>abcmodule";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (int round = 0; round < 1500 && DateTime.UtcNow < deadline; round++)
        {
            var chars = new List<char>(Corpus);
            int edits = 1 + random.Next(6);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            string text = new(chars.ToArray());
            var document = ConfigLoader.LoadText(text, "fuzz.conf");
            Assert.All(document.Errors, err => Assert.Equal("fuzz.conf", err.Location.File));
            try
            {
                Bind(document);
            }
            catch (ConfigException e)
            {
                Assert.NotEmpty(e.Errors);
            }
        }
    }

    private static void Bind(Sluice.Engine.Config.Ast.ConfigDocument document)
    {
        var registry = new ModuleRegistry();
        registry.Register(FakeInputModule.ImTcp());
        registry.Register(FakeOutputModule.OmFile());
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        new PlanBuilder(registry, new FakeTemplateFactory()).Build(document, services);
    }
}
