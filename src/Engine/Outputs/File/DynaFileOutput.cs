using Sluice.Engine.Diagnostics;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// One omfile action with dynaFile=: each message's path is rendered by a template, and the files stay open in an
/// LRU cache of dynaFileCacheSize entries (an evicted file is written out and closed). Commits run in batch order
/// under the action's lock; with flushOnTXEnd every file the batch touched is written at its end (one write per
/// file, not per line), with asyncWriting the writer thread writes.
/// <para>
/// As rsyslog's dynafile.donotsuspend (default on): a file that cannot be opened or written costs its lines, which
/// are logged as discarded, and never suspends the action, because the other files of the batch are fine.
/// Statistics: "dynafile cache &lt;template&gt;" (origin omfile) with rsyslog's counters.
/// </para>
/// </summary>
public sealed class DynaFileOutput : OutputInstance
{
    private readonly FileOutputSettings _settings;
    private readonly Template _template;
    private readonly Template _pathTemplate;
    private readonly IInternalLog _log;
    private readonly object _lock = new();
    private readonly DynaFileCache _cache;
    private readonly AsyncFileWriter? _writer;
    private readonly List<FileSink> _touched = new();
    private int _commitNumber;
    private readonly Counter _requests, _level0, _missed, _evicted, _maxUsed, _closeTimeouts, _refused;

    public DynaFileOutput(FileOutputSettings settings, Template template, Template pathTemplate, IInternalLog log, StatsRegistry stats)
    {
        if (!settings.IsDynamic) throw new ArgumentException("not a dynaFile action", nameof(settings));
        _settings = settings;
        _template = template;
        _pathTemplate = pathTemplate;
        _log = log;
        _cache = new DynaFileCache(settings.DynaFileCacheSize);
        if (settings.AsyncWriting) _writer = new AsyncFileWriter(_lock, settings.FlushIntervalSeconds, settings.DisplayName);
        var so = stats.Create("dynafile cache " + settings.DynaFileTemplate, "omfile");
        _requests = so.Add("requests");
        _level0 = so.Add("level0");
        _missed = so.Add("missed");
        _evicted = so.Add("evicted");
        _maxUsed = so.Add("maxused");
        _closeTimeouts = so.Add("closetimeouts");
        // Not one of rsyslog's counters (rsyslogd 8.2302 refuses nothing, see DynaFilePath): added after them, so
        // rsyslog's names and order stay as they are.
        _refused = so.Add("refused");
    }

    public FileOutputSettings Settings => _settings;
    public Template Template => _template;
    public Template PathTemplate => _pathTemplate;

    /// <summary>How many files are open in the cache now.</summary>
    public int OpenFiles
    {
        get { lock (_lock) return _cache.Count; }
    }

    public override OutputTransaction CreateTransaction() => new DynaFileTransaction(this, _template, _pathTemplate);

    /// <summary>
    /// A message whose path was refused (see <see cref="DynaFilePath"/>): counted in "refused" and logged. Like any
    /// message that cannot be rendered for an action (rsyslog's prepareDoActionParams failing), it is not part of the
    /// transaction, so the action is not suspended and goes on with the next message.
    /// </summary>
    internal void Refused(ReadOnlySpan<byte> path, DynaFilePathProblem problem)
    {
        _refused.Increment();
        _log.Error($"omfile: dynaFile template '{_settings.DynaFileTemplate}' rendered '{System.Text.Encoding.UTF8.GetString(path)}': " +
                   $"{DynaFilePath.Describe(problem)} - message discarded");
    }

    /// <summary>Delivers one transaction: each record's line goes to its path's file.</summary>
    internal ActionResult Commit(ReadOnlySpan<byte> staging, ReadOnlySpan<DynaFileRecord> records)
    {
        if (records.Length == 0) return ActionResult.Ok;
        lock (_lock)
        {
            int commit = ++_commitNumber;
            int level0 = 0, missed = 0, evicted = 0;
            for (int i = 0; i < records.Length; i++)
            {
                var r = records[i];
                var path = staging.Slice(r.Start, r.PathLength);
                var sink = _cache.Find(path, out bool hit0);
                if (hit0) level0++;
                if (sink is null)
                {
                    missed++;
                    sink = OpenNew(path, ref evicted);
                    if (sink is null) continue;
                }
                var line = staging.Slice(r.Start + r.PathLength, r.LineLength);
                if (_writer is not null)
                {
                    sink.AppendAsync(line, _writer);
                    continue;
                }
                bool wrote = false;
                if (sink.TouchedInCommit != commit)
                {
                    sink.TouchedInCommit = commit;
                    _touched.Add(sink);
                }
                if (sink.Append(line, writeThroughWhenEmpty: false, ref wrote).Failed) sink.DropBuffered();
            }
            if (_writer is null) EndOfTransaction();
            _requests.Add(records.Length);
            _level0.Add(level0);
            _missed.Add(missed);
            _evicted.Add(evicted);
            _maxUsed.SetMax(_cache.Count);
            return ActionResult.Ok;
        }
    }

    /// <summary>Sync mode: flushOnTXEnd writes every file the batch touched; sync fsyncs them.</summary>
    private void EndOfTransaction()
    {
        for (int i = 0; i < _touched.Count; i++)
        {
            var sink = _touched[i];
            bool wrote = false;
            var failure = _settings.FlushOnTxEnd ? sink.WriteOut(ref wrote) : default;
            if (!failure.Failed && _settings.Sync && sink.IsOpen) sink.Fsync();
        }
        _touched.Clear();
    }

    /// <summary>Opens <paramref name="path"/> in a free cache entry, evicting the least recently used file when full.</summary>
    private FileSink? OpenNew(ReadOnlySpan<byte> path, ref int evicted)
    {
        FileSink sink;
        if (_cache.IsFull)
        {
            sink = _cache.RemoveOldest()!;
            Retire(sink);
            evicted++;
        }
        else
        {
            sink = _cache.TakeSpare() ?? new FileSink(_settings, _log, "lines discarded");
        }
        sink.Assign(path.ToArray());
        var failure = sink.EnsureOpen(report: false);
        if (failure.Failed)
        {
            // rsyslog: "Could not open dynamic file '%s' [state %d] - discarding message".
            _log.Error($"omfile: could not open dynamic file '{sink.PathText}': {failure.Describe()} - discarding message");
            _cache.ReturnSpare(sink);
            return null;
        }
        _cache.Add(sink);
        return sink;
    }

    /// <summary>A file leaves the cache: what is buffered is written, then it is closed.</summary>
    private void Retire(FileSink sink)
    {
        bool wrote = false;
        var failure = sink.WriteOut(ref wrote);
        if (!failure.Failed && wrote && _settings.Sync) sink.Fsync();
        sink.Close();
        // A sink still listed as touched by this commit is written again at its end: harmless, it is empty.
    }

    /// <summary>SIGHUP: every open file is written out and closed; the next message for it opens its path again.</summary>
    public override void Reopen()
    {
        lock (_lock)
        {
            while (_cache.RemoveOldest() is { } sink)
            {
                Retire(sink);
                _cache.ReturnSpare(sink);
            }
        }
    }

    /// <summary>flushInterval (without asyncWriting) and closeTimeout (rsyslog's default for dynaFiles: 10 minutes).</summary>
    public override void OnTimer(long nowMilliseconds)
    {
        lock (_lock)
        {
            int closed = 0;
            for (var sink = _cache.Oldest; sink is not null;)
            {
                var next = sink.Newer;
                if (FileTimer.Tick(sink, _settings, _writer is null, nowMilliseconds))
                {
                    _cache.Remove(sink);
                    _cache.ReturnSpare(sink);
                    closed++;
                }
                sink = next;
            }
            _closeTimeouts.Add(closed);
        }
    }

    /// <summary>Shutdown: write out everything buffered.</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            for (var sink = _cache.Oldest; sink is not null; sink = sink.Newer)
            {
                bool wrote = false;
                var failure = sink.WriteOut(ref wrote);
                if (!failure.Failed && wrote && _settings.Sync) sink.Fsync();
            }
        }
    }

    public override void Dispose()
    {
        Flush();
        _writer?.Stop();
        Reopen();
    }
}
