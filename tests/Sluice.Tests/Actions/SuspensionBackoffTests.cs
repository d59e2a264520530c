using Sluice.Engine.Actions;

namespace Sluice.Tests.Actions;

public class SuspensionBackoffTests
{
    [Theory]
    [InlineData(30, 1800, 0, 30)]
    [InlineData(30, 1800, 9, 30)]
    [InlineData(30, 1800, 10, 60)]
    [InlineData(30, 1800, 19, 60)]
    [InlineData(30, 1800, 20, 90)]
    [InlineData(10, 25, 10, 20)]
    [InlineData(10, 25, 20, 25)] // capped by resumeIntervalMax
    [InlineData(10, 0, 20, 30)]  // no cap when the maximum is not positive
    public void Duration_is_interval_times_retry_number_over_ten_plus_one_capped(int interval, int max, int retryNumber, int expected)
        => Assert.Equal(expected, SuspensionBackoff.DurationSeconds(interval, max, retryNumber));

    [Fact]
    public void Retry_number_saturates_at_twenty_so_the_multiplier_never_exceeds_three()
    {
        int n = 0;
        for (int i = 0; i < 100; i++) n = SuspensionBackoff.NextRetryNumber(n);
        Assert.Equal(20, n);
        // The documentation's example (330 s after the 100th try with interval 30) is not reachable.
        Assert.Equal(90, SuspensionBackoff.DurationSeconds(30, 1800, n));
    }

    [Fact]
    public void The_runtime_suspends_with_the_backoff_sequence()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        var a = h.Add("fwd", output, new ActionSettings { ResumeInterval = 10, ReportSuspensionContinuation = true });
        var durations = new List<long>();
        for (int i = 0; i < 25; i++)
        {
            long before = h.Counter(a, "suspended.duration");
            h.RunBatch($"m{i}");
            durations.Add(h.Counter(a, "suspended.duration") - before);
            h.Clock.Advance(TimeSpan.FromSeconds(100)); // past any retry time
        }
        var expected = Enumerable.Repeat(10L, 10).Concat(Enumerable.Repeat(20L, 10)).Concat(Enumerable.Repeat(30L, 5));
        Assert.Equal(expected, durations);
        // Counted as one suspension: rsyslog counts only the first of a row.
        Assert.Equal(1, h.Counter(a, "suspended"));
        Assert.Equal(25, h.Counter(a, "failed"));
        Assert.Equal(0, h.Counter(a, "resumed"));
        // reportSuspensionContinuation: every suspension is reported, with its retry number.
        Assert.True(h.Log.Contains("action 'fwd' suspended (module 'omtest'), next retry is "));
        Assert.True(h.Log.Contains(", retry nbr 0. There should be messages before this one giving the reason for suspension."));
        Assert.True(h.Log.Contains(", retry nbr 20. "));
    }

    [Fact]
    public void Without_continuation_only_the_first_suspension_is_reported()
    {
        var h = new ActionHarness();
        var output = new ControllableOutput { Down = true };
        h.Add("fwd", output, new ActionSettings { ResumeInterval = 10 });
        for (int i = 0; i < 3; i++)
        {
            h.RunBatch($"m{i}");
            h.Clock.Advance(TimeSpan.FromSeconds(100));
        }
        Assert.Single(h.Log.Lines, l => l.Text.Contains("next retry is", StringComparison.Ordinal));
    }

    [Fact]
    public void Next_retry_is_written_like_ctime()
    {
        var local = new DateTime(2026, 11, 2, 8, 5, 3, DateTimeKind.Local);
        Assert.Equal("Mon Nov  2 08:05:03 2026", ActionMessages.CTime(new DateTimeOffset(local)));
    }
}
