using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.Engine.Templates.BuiltIn;

namespace Sluice.Bench;

/// <summary>Rendering a prepared (parsed) message into a reused buffer, as an output's transaction does.</summary>
[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private const string Raw = "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user from 192.0.2.7 port 52144 ssh2";

    private readonly ByteBuffer _buffer = new(4096);
    private Message _message = null!;
    private RenderContext _context;
    private Template _fileFormat = null!;
    private Template _traditional = null!;
    private Template _protocol23 = null!;
    private Template _withOptions = null!;
    private Template _regex = null!;
    private Template _list = null!;

    /// <summary>A list template as a JSON-shipping config would write it (option.jsonf, typed fields, a field extraction).</summary>
    private const string ListConfig = """
        template(name="list" type="list" option.jsonf="on") {
          property(name="timereported" dateFormat="rfc3339" format="jsonf" outname="@timestamp")
          property(name="hostname" format="jsonf" outname="host")
          property(name="syslogseverity" format="jsonf" outname="severity" dataType="number")
          property(name="syslogfacility-text" format="jsonf" outname="facility")
          property(name="programname" format="jsonf" outname="program")
          property(name="procid" format="jsonf" outname="pid" dataType="auto")
          property(name="msg" field.number="2" field.delimiter="32" format="jsonf" outname="user")
          property(name="msg" position.from="2" format="jsonf" outname="message")
          constant(value="1" format="jsonf" outname="version")
        }
        """;

    [GlobalSetup]
    public void Setup()
    {
        // Built the way the daemon builds it: the raw line parsed by SyslogParser.
        _message = new Message();
        _message.SetRaw(Encoding.ASCII.GetBytes(Raw));
        _message.TimeGenerated = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 18, 123, TimeSpan.FromHours(1)));
        new SyslogParser(new GlobalSettings()).Parse(_message);
        _context = new RenderContext(_message.TimeGenerated, "collector"u8.ToArray());

        var registry = new TemplateRegistry();
        var factory = new TemplateFactory();
        factory.AddBuiltIns(registry);
        _fileFormat = registry.Find(BuiltInTemplates.FileFormat)!;
        _traditional = registry.Find(BuiltInTemplates.TraditionalFileFormat)!;
        _protocol23 = registry.Find(BuiltInTemplates.SyslogProtocol23Format)!;
        _withOptions = factory.CreateStringTemplate("opts",
            "%timegenerated:::date-rfc3339,date-utc% %HOSTNAME:::uppercase% %syslogtag:1:32% %msg:::json% %pri-text%\n", SourceLocation.None);
        _regex = factory.CreateStringTemplate("regex",
            "%HOSTNAME% ip=%msg:R,ERE,1,BLANK:from ([0-9.]+) port--end% port=%msg:R,ERE,0,DFLT,1:[0-9]+--end%\n", SourceLocation.None);
        var services = new EngineServices(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        new PlanBuilder(new ModuleRegistry(), factory).Build(ConfigLoader.LoadText(ListConfig, "bench.conf"), services);
        _list = services.Templates.Find("list")!;
    }

    [Benchmark(Baseline = true)]
    public int FileFormat() => Render(_fileFormat);

    [Benchmark]
    public int TraditionalFileFormat() => Render(_traditional);

    [Benchmark]
    public int SyslogProtocol23Format() => Render(_protocol23);

    [Benchmark]
    public int StringTemplateWithOptions() => Render(_withOptions);

    /// <summary>Two regex extractions (glibc regexec on a per-thread scratch copy).</summary>
    [Benchmark]
    public int RegexTemplate() => Render(_regex);

    /// <summary>A jsonf list template of nine fields.</summary>
    [Benchmark]
    public int ListTemplate() => Render(_list);

    private int Render(Template template)
    {
        _buffer.Clear();
        template.Render(_message, _buffer, _context);
        return _buffer.Length;
    }
}
