using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Queues.Disk;

namespace Sluice.Tests.Queues.Disk;

/// <summary>
/// The process the crash tests kill with SIGKILL: the test assembly started again with <c>dotnet Sluice.Tests.dll</c>
/// and SLUICE_DISKQ_CHILD set: a module initializer starts the child's work before the (empty) generated Main runs.
/// It appends numbered records in random batches with checkpointInterval=1 and syncQueueFiles=on and prints
/// "C n" after each Commit returned (records up to n are promised); with SLUICE_DISKQ_CONSUME=1 a second thread
/// reads, checks and acknowledges, printing "A n" after each Acknowledge returned (records up to n must never
/// come back). "E text" reports a violation seen inside the child.
/// </summary>
internal static class CrashChild
{
    public const string ModeVariable = "SLUICE_DISKQ_CHILD";
    public const int MaxAckBatch = 64;
    public const int MaxPerRun = 40_000;

#pragma warning disable CA2255 // A module initializer in a test assembly: the only way to give it a child-process mode.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfChild()
    {
        string? dir = Environment.GetEnvironmentVariable(ModeVariable);
        if (string.IsNullOrEmpty(dir)) return;
        // The work runs on a foreground thread once the module is initialised: other threads calling into this
        // module would wait for the initializer to finish. The process then lives until that thread exits it.
        new Thread(() => RunChild(dir)) { IsBackground = false }.Start();
    }

    private static void RunChild(string dir)
    {
        int code;
        try
        {
            code = Run(dir);
        }
        catch (Exception e)
        {
            Console.Out.WriteLine("E " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" "));
            code = 3;
        }
        Environment.Exit(code);
    }

    private static int Run(string dir)
    {
        long next = long.Parse(Environment.GetEnvironmentVariable("SLUICE_DISKQ_START")!, CultureInfo.InvariantCulture);
        var rng = new Random(int.Parse(Environment.GetEnvironmentVariable("SLUICE_DISKQ_SEED")!, CultureInfo.InvariantCulture));
        bool consume = Environment.GetEnvironmentVariable("SLUICE_DISKQ_CONSUME") == "1";
        var store = DiskQueueStore.Open(new DiskQueueOptions
        {
            Directory = dir,
            FileName = SpoolDir.Name,
            MaxFileSize = 64 * 1024,
            CheckpointInterval = 1,
            SyncQueueFiles = true,
            Log = StderrLog.Instance,
        });
        Console.Out.WriteLine("R " + store.Count.ToString(CultureInfo.InvariantCulture));

        if (consume)
        {
            var consumer = new Thread(() => Consume(store, new Random(rng.Next()))) { IsBackground = true };
            consumer.Start();
        }
        var clock = Stopwatch.StartNew();
        long end = next + MaxPerRun;
        while (next < end && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            int batch = rng.Next(1, 65);
            for (int i = 0; i < batch; i++)
            {
                var r = store.Append(TestRecords.Make(next));
                if (r != AppendResult.Ok) throw new InvalidOperationException($"append {next}: {r}");
                next++;
            }
            if (!store.Commit()) throw new InvalidOperationException("commit failed");
            Console.Out.WriteLine("C " + (next - 1).ToString(CultureInfo.InvariantCulture));
        }
        // Done early: wait to be killed (the test always kills), bounded.
        Thread.Sleep(TimeSpan.FromSeconds(60));
        return 0;
    }

    private static void Consume(DiskQueueStore store, Random rng)
    {
        long last = -1;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            int want = rng.Next(1, MaxAckBatch + 1), got = 0;
            while (got < want && store.TryRead(out var r))
            {
                long n = TestRecords.Check(r.Payload);
                if (last >= 0 && n != last + 1) Console.Out.WriteLine($"E read {n} after {last}");
                last = n;
                got++;
            }
            if (got == 0)
            {
                Thread.Sleep(1);
                continue;
            }
            if (!store.AcknowledgeRead()) Console.Out.WriteLine("E acknowledge refused");
            Console.Out.WriteLine("A " + last.ToString(CultureInfo.InvariantCulture));
        }
    }
}
