using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Sluice.Tests.Queues.Disk;

/// <summary>
/// kill -9 at random points of a process appending (and consuming) with checkpointInterval=1 and
/// syncQueueFiles=on, over one spool, 20 times: after each kill the spool must hold every committed record not
/// yet acknowledged, in order, without duplicates, with intact contents, and no acknowledged record may come back.
/// Some kills land while the child is still opening (recovering) the spool.
/// </summary>
public sealed class DiskQueueCrashTests : IDisposable
{
    private readonly SpoolDir _spool = new();
    private readonly ITestOutputHelper _output;

    public DiskQueueCrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _spool.Dispose();

    private sealed class ChildRun
    {
        public readonly List<string> Lines = new();
        public long? LastCommitted;
        public long? LastAcknowledged;
        public bool Recovered;
    }

    [Fact]
    public void Every_committed_record_survives_kill_9_and_acknowledged_ones_never_come_back()
    {
        const int iterations = 20;
        var rng = new Random(20261122);
        long next = 1, committedHigh = 0, ackedHigh = 0, seenHigh = 0;
        int killedEarly = 0, killedMidRun = 0;
        // A consuming child may be killed between an Acknowledge and its "A" line: one batch per consuming run may be
        // acknowledged without being reported, and runs that report nothing let that add up until one reports.
        int unreportedBatches = 0;
        for (int iter = 0; iter < iterations; iter++)
        {
            bool consume = iter % 3 != 0;
            bool early = iter % 5 == 4;
            var run = RunAndKill(next, rng.Next(), consume, early, rng);
            if (run.Recovered && run.LastCommitted != null) killedMidRun++;
            else killedEarly++;
            Assert.DoesNotContain(run.Lines, l => l.StartsWith("E ", StringComparison.Ordinal));
            committedHigh = Math.Max(committedHigh, run.LastCommitted ?? 0);
            ackedHigh = Math.Max(ackedHigh, run.LastAcknowledged ?? 0);
            if (consume) unreportedBatches = run.LastAcknowledged != null ? 1 : unreportedBatches + 1;
            long ackBound = ackedHigh + (long)CrashChild.MaxAckBatch * unreportedBatches;

            List<long> numbers;
            using (var store = _spool.Open(maxFileSize: 64 * 1024, checkpointInterval: 1, sync: true))
                numbers = TestRecords.ReadAll(store);
            _output.WriteLine($"iteration {iter}: consume={consume} early={early} committed≤{run.LastCommitted} acked≤{run.LastAcknowledged} " +
                              $"→ spool {(numbers.Count > 0 ? $"{numbers[0]}..{numbers[^1]}" : "empty")} ({numbers.Count})");

            for (int i = 1; i < numbers.Count; i++)
                Assert.True(numbers[i] == numbers[i - 1] + 1, $"iteration {iter}: {numbers[i]} follows {numbers[i - 1]}");
            if (numbers.Count > 0)
            {
                // Acknowledged (and reported) records never come back; at most the last unreported acknowledgement is missing.
                Assert.True(numbers[0] > ackedHigh, $"iteration {iter}: record {numbers[0]} came back after {ackedHigh} was acknowledged");
                Assert.True(numbers[0] - 1 <= ackBound, $"iteration {iter}: records {ackedHigh + 1}..{numbers[0] - 1} lost");
                // Nothing committed is lost.
                Assert.True(numbers[^1] >= committedHigh, $"iteration {iter}: committed up to {committedHigh}, spool ends at {numbers[^1]}");
                seenHigh = Math.Max(seenHigh, numbers[^1]);
                next = numbers[^1] + 1;
                // What is gone now is known exactly: the next runs are held to it.
                ackedHigh = Math.Max(ackedHigh, numbers[0] - 1);
                unreportedBatches = 0;
            }
            else
            {
                Assert.True(committedHigh <= ackBound, $"iteration {iter}: spool empty, committed up to {committedHigh}, acknowledged {ackedHigh}");
                // Unreported appends may have been consumed: continue well above anything that may exist.
                next = Math.Max(Math.Max(next, seenHigh), committedHigh) + 1000;
                seenHigh = next - 1;
                // Numbers below the next start never exist again: the gap is the test's, not lost records.
                ackedHigh = next - 1;
                unreportedBatches = 0;
            }
        }
        _output.WriteLine($"{killedMidRun} kills while appending, {killedEarly} while starting or recovering");
        Assert.True(killedMidRun >= 10, $"only {killedMidRun} kills landed while appending");
    }

    private ChildRun RunAndKill(long start, int seed, bool consume, bool early, Random rng)
    {
        var psi = new ProcessStartInfo(DotnetHost(), $"\"{Path.Combine(AppContext.BaseDirectory, "Sluice.Tests.dll")}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment[CrashChild.ModeVariable] = _spool.Path;
        psi.Environment["SLUICE_DISKQ_START"] = start.ToString(CultureInfo.InvariantCulture);
        psi.Environment["SLUICE_DISKQ_SEED"] = seed.ToString(CultureInfo.InvariantCulture);
        psi.Environment["SLUICE_DISKQ_CONSUME"] = consume ? "1" : "0";

        var run = new ChildRun();
        var committedSeen = new ManualResetEventSlim();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (run.Lines)
            {
                run.Lines.Add(e.Data);
                if (e.Data.StartsWith("C ", StringComparison.Ordinal)) committedSeen.Set();
            }
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (run.Lines) run.Lines.Add("stderr: " + e.Data); };
        Assert.True(p.Start());
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            if (early)
            {
                Thread.Sleep(rng.Next(0, 400));
            }
            else
            {
                Assert.True(committedSeen.Wait(TimeSpan.FromSeconds(60)), "the child committed nothing within 60 s: " + string.Join(" | ", run.Lines));
                Thread.Sleep(rng.Next(5, 300));
            }
        }
        finally
        {
            p.Kill(); // SIGKILL
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)));
            p.WaitForExit(); // drains the output handlers
        }
        Assert.NotEqual(0, p.ExitCode);
        lock (run.Lines)
        {
            foreach (var l in run.Lines)
            {
                if (l.StartsWith("R ", StringComparison.Ordinal)) run.Recovered = true;
                else if (l.StartsWith("C ", StringComparison.Ordinal)) run.LastCommitted = long.Parse(l.AsSpan(2), CultureInfo.InvariantCulture);
                else if (l.StartsWith("A ", StringComparison.Ordinal)) run.LastAcknowledged = long.Parse(l.AsSpan(2), CultureInfo.InvariantCulture);
            }
        }
        return run;
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        if (self != null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
