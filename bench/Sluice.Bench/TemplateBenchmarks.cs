using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
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
    }

    [Benchmark(Baseline = true)]
    public int FileFormat() => Render(_fileFormat);

    [Benchmark]
    public int TraditionalFileFormat() => Render(_traditional);

    [Benchmark]
    public int SyslogProtocol23Format() => Render(_protocol23);

    [Benchmark]
    public int StringTemplateWithOptions() => Render(_withOptions);

    private int Render(Template template)
    {
        _buffer.Clear();
        template.Render(_message, _buffer, _context);
        return _buffer.Length;
    }
}
