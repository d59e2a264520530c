using System.Text;
using BenchmarkDotNet.Attributes;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
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
        _message = new Message();
        var bytes = Encoding.ASCII.GetBytes(Raw);
        _message.SetRaw(bytes);
        _message.Flags = MessageFlags.Parsed;
        _message.Pri = 134;
        _message.AfterPriOffset = 5;
        _message.TimeReported = new SyslogTime { Year = 2026, Month = 2, Day = 5, Hour = 17, Minute = 32, Second = 18, OffsetMode = (byte)'+', IsSet = true };
        _message.TimeGenerated = SyslogTime.FromDateTimeOffset(new DateTimeOffset(2026, 2, 5, 17, 32, 18, 123, TimeSpan.FromHours(1)));
        int host = Raw.IndexOf("myhost", StringComparison.Ordinal);
        int tag = Raw.IndexOf("sshd", StringComparison.Ordinal);
        int msg = Raw.IndexOf(" Accepted", StringComparison.Ordinal);
        _message.Hostname = new TextRange(host, 6);
        _message.Tag = new TextRange(tag, msg - tag);
        _message.Msg = new TextRange(msg, Raw.Length - msg);
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
