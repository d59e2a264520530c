using Sluice.Engine.Config;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Templates;

/// <summary>Rendering is on the per-message path: once the buffer has grown, it must not allocate.</summary>
public class ZeroAllocationTests
{
    [Fact]
    public void Rendering_builtin_and_option_templates_allocates_nothing()
    {
        var registry = new TemplateRegistry();
        var factory = new TemplateFactory();
        factory.AddBuiltIns(registry);
        var templates = registry.Names.Select(n => registry.Find(n)!).Append(factory.CreateStringTemplate("opts",
            "%timegenerated:::date-rfc3339,date-utc% %HOSTNAME:::uppercase% %syslogtag:1:32:fixed-width% %msg:::json% " +
            "%msg:::csv,escape-cc% %pri-text% %$now% %procid% %app-name% %timereported:::date-unixtimestamp% %msg:2:$:secpath-replace% " +
            "%msg:R,ERE,1,BLANK:([a-z]+) --end% %msg:R,ERE,0,DFLT,2:[a-z]+--end% %msg:F,32:3% %msg:::jsonf% %syslogtag:::jsonfr:t% " +
            "%timestamp:::date-ordinal% %timestamp:::date-iso-week% %jsonmesg% %uuid% %parsesuccess% %$uptime%\n",
            SourceLocation.None)).ToArray();
        var messages = SampleMessages.All();
        // Messages with a $! tree, as mmjsonparse leaves them, for jsonmesg.
        var parser = new Sluice.Engine.Modifiers.JsonParser([], Sluice.Engine.Messages.Variables.VariablePath.Parse("!"), useRawMsg: false);
        foreach (var m in messages) parser.Modify(m);
        var context = SampleMessages.Context;
        var buffer = new ByteBuffer(1 << 16);

        void RenderAll()
        {
            foreach (var t in templates)
            foreach (var m in messages)
            {
                buffer.Clear();
                t.Render(m, buffer, context);
            }
        }

        RenderAll(); // warm up (JIT, static tables)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) RenderAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
