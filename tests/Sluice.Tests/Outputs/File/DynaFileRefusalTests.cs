using Sluice.Engine.Actions;
using Sluice.Engine.Config;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Templates;
using Sluice.Tests.Properties;

namespace Sluice.Tests.Outputs.File;

/// <summary>
/// A refused dynaFile path (empty, or with a ".." component) inside the action runtime: the message is counted in
/// the dynafile cache's "refused" counter and logged; like any message that cannot be rendered for an action it is not
/// part of the transaction (not "failed": rsyslog counts only messages an output failed to write there), and the
/// action goes on with the next message without being suspended.
/// </summary>
public sealed class DynaFileRefusalTests : IDisposable
{
    private readonly FileOutputFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Refused_paths_count_as_failed_and_the_other_messages_land()
    {
        // The path is the message text without its leading space.
        var path = new TemplateFactory().CreateStringTemplate("msgpath", "%msg:2:$%", SourceLocation.None);
        using var output = _f.CreateDyna(path, _f.ModuleParams());
        var action = new ActionInstance(0, "dyn-action", "omfile", "builtin:omfile", output, null, new ActionSettings(),
            _f.Services.Stats, _f.Log);
        var context = new RuleContext([action], new ShutdownSignal(), 64);

        string[] texts = [_f.PathOf("one.log"), _f.PathOf("sub/../escaped.log"), "", "..", _f.PathOf("two.log"), _f.PathOf("one.log")];
        context.BeginBatch(SampleMessages.Context);
        var messages = texts.Select(t => SampleMessages.Parse("<13>Oct 11 22:14:15 host app: " + t)).ToArray();
        foreach (var m in messages) context.RunAction(action, m);
        Assert.True(context.CommitAll());

        var stats = _f.Services.Stats.Find("dyn-action")!;
        Assert.Equal(0, stats.Find("suspended")!.Value);
        Assert.Equal(0, stats.Find("failed")!.Value);
        var cache = _f.Services.Stats.Find("dynafile cache msgpath")!;
        Assert.Equal(3, cache.Find("refused")!.Value);
        Assert.Equal(3, cache.Find("requests")!.Value);
        Assert.Equal(2, _f.Read("one.log").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single(_f.Read("two.log").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(System.IO.File.Exists(_f.PathOf("escaped.log")));
        Assert.True(_f.Log.Contains("'..' component"), string.Join("\n", _f.Log.Lines.Select(l => l.Text)));
        Assert.True(_f.Log.Contains("the file name is empty"), string.Join("\n", _f.Log.Lines.Select(l => l.Text)));
    }
}
