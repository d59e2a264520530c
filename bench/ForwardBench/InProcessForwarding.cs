using System.Diagnostics;
using System.Text;
using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Outputs.Forward;
using Sluice.Engine.Parsing;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;
using Sluice.LoadGen;

namespace Sluice.ForwardBench;

/// <summary>
/// The omfwd output alone, driven the way queue workers drive it (transactions of <c>batch</c> messages rendered
/// with RSYSLOG_TraditionalForwardFormat and committed) to a local receiver: messages/s, the sending thread's CPU
/// per message, and bytes on the wire compared with plain TCP.
/// </summary>
internal static class InProcessForwarding
{
    public sealed record Result(BenchMode Mode, int Messages, double Seconds, double CpuSeconds, long WireBytes);

    public static Message[] ParsedCorpus(int count, int seed)
    {
        var corpus = new Corpus(Corpus.Format.Mixed, 10_000, seed);
        var stream = ConnectionStream.Build(corpus, Marker.NewRunId(), 0, count, Framing.Lf, seed);
        var parser = new SyslogParser(new GlobalSettings());
        var messages = new Message[count];
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            int end = stream.MessageEnds[i];
            var m = new Message();
            m.SetRaw(stream.Bytes.AsSpan(start, end - start - 1)); // without the LF
            m.Peer = PeerInfo.Local;
            parser.Parse(m);
            messages[i] = m;
            start = end;
        }
        return messages;
    }

    public static Result Run(BenchMode mode, Message[] corpus, int messages, int batch)
    {
        using var receiver = new DrainReceiver(mode.Decode);
        var templates = new TemplateRegistry();
        new TemplateFactory().AddBuiltIns(templates);
        var services = new EngineServices(new GlobalSettings(), StderrLog.Instance, new MessagePool(), new StatsRegistry(), templates);
        var module = new ForwardOutputModule();
        var set = new ParamSet(module.InstanceParams, new SourceLocation("bench", 1, 1));
        set.Set("target", "127.0.0.1", set.Location);
        set.Set("port", receiver.Port.ToString(), set.Location);
        set.Set("protocol", "tcp", set.Location);
        foreach (var (name, value) in mode.Params) set.Set(name, value, set.Location);
        var moduleParams = new ParamSet(module.ModuleParams, set.Location);
        var output = module.CreateOutput(moduleParams, set, templates.Find(module.DefaultTemplate(moduleParams, services))!, services);
        var context = new RenderContext(default, Encoding.ASCII.GetBytes("bench"));

        var tx = output.CreateTransaction();
        // Warm-up: JIT and the first connection.
        for (int i = 0; i < Math.Min(corpus.Length, 10_000); i++) tx.Add(corpus[i], context);
        Check(tx.Commit());

        double cpu0 = CpuClock.ThisThreadSeconds();
        var sw = Stopwatch.StartNew();
        for (int sent = 0; sent < messages;)
        {
            int n = Math.Min(batch, messages - sent);
            for (int i = 0; i < n; i++) tx.Add(corpus[(sent + i) % corpus.Length], context);
            Check(tx.Commit());
            sent += n;
        }
        double seconds = sw.Elapsed.TotalSeconds;
        double cpu = CpuClock.ThisThreadSeconds() - cpu0;
        output.Dispose();
        // Everything sent must arrive and decode (this also waits for the receiver to catch up).
        long expectLines = messages + Math.Min(corpus.Length, 10_000);
        var wait = Stopwatch.StartNew();
        while (receiver.Lines < expectLines && wait.Elapsed < TimeSpan.FromSeconds(120)) Thread.Sleep(20);
        if (receiver.Lines != expectLines)
            throw new InvalidOperationException($"{mode.Name}: the receiver decoded {receiver.Lines} of {expectLines} messages");
        long wire = ((ForwardOutput)output).BytesSent.Value;
        return new Result(mode, messages, seconds, cpu, wire);
    }

    private static void Check(ActionResult r)
    {
        if (r != ActionResult.Ok) throw new InvalidOperationException($"commit returned {r}");
    }
}
