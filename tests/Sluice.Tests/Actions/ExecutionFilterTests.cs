using Sluice.Engine.Actions;

namespace Sluice.Tests.Actions;

/// <summary>action.execOnlyEveryNthTime(Timeout) and action.execOnlyOnceEveryInterval.</summary>
public class ExecutionFilterTests
{
    [Fact]
    public void Every_nth_time_runs_the_action_on_every_nth_message()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput();
        var a = h.Add("x", output, new ActionSettings { ExecOnlyEveryNthTime = 3 });
        h.RunBatch(Enumerable.Range(1, 10).Select(i => $"m{i}").ToArray());
        Assert.Equal(new[] { "m3", "m6", "m9" }, output.Delivered);
        Assert.Equal(3, h.Counter(a, "processed")); // skipped messages are not handed to the action at all
    }

    [Fact]
    public void The_nth_time_count_starts_over_after_its_timeout()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput();
        h.Add("x", output, new ActionSettings { ExecOnlyEveryNthTime = 3, ExecOnlyEveryNthTimeTimeout = 10 });
        h.RunBatch("a1", "a2");
        h.Clock.Advance(TimeSpan.FromSeconds(11));
        h.RunBatch("b1", "b2", "b3");
        Assert.Equal(new[] { "b3" }, output.Delivered);
    }

    [Fact]
    public void Once_every_interval_skips_what_comes_within_the_interval()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput();
        h.Add("x", output, new ActionSettings { ExecOnlyOnceEveryInterval = 60 });
        h.RunBatch("a1", "a2");
        h.Clock.Advance(TimeSpan.FromSeconds(59));
        h.RunBatch("b1");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.RunBatch("c1", "c2");
        Assert.Equal(new[] { "a1", "c1" }, output.Delivered);
    }
}
