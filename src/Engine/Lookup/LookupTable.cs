using Sluice.Engine.Diagnostics;

namespace Sluice.Engine.Lookup;

/// <summary>
/// A lookup_table(name=, file=, reloadOnHUP=) object. Readers take <see cref="Data"/> (one volatile read) and search
/// it without locks; a reload builds new <see cref="LookupData"/> off the message path and swaps it in atomically, so a
/// lookup sees either the old table or the new one, never a mix.
/// </summary>
public sealed class LookupTable
{
    private readonly IInternalLog _log;
    private volatile LookupData _data;
    private int _reloading;

    public LookupTable(string name, string file, bool reloadOnHup, LookupData data, IInternalLog log)
    {
        Name = name;
        File = file;
        ReloadOnHup = reloadOnHup;
        _data = data;
        _log = log;
    }

    public string Name { get; }
    public string File { get; }
    public bool ReloadOnHup { get; }

    /// <summary>The current contents.</summary>
    public LookupData Data => _data;

    /// <summary>
    /// Reads the file again and swaps the new contents in. When that fails the old contents stay, or, with a
    /// <paramref name="stubValue"/>, every key gives that value from now on (rsyslog's reload_lookup_table stub).
    /// Returns whether the file could be used.
    /// </summary>
    public bool Reload(byte[]? stubValue = null)
    {
        try
        {
            var warnings = new List<string>();
            var data = LookupTableLoader.Load(Name, File, warnings);
            foreach (var w in warnings) _log.Warning(w);
            _data = data;
            _log.Info($"lookup table '{Name}' reloaded from file '{File}'");
            return true;
        }
        catch (LookupTableException e)
        {
            if (stubValue is not null)
            {
                _data = LookupData.Stub(_data.Kind, stubValue);
                _log.Error($"lookup table '{Name}' could not be reloaded, it now gives the stub value for every key: {e.Message}");
            }
            else
            {
                _log.Error($"lookup table '{Name}' could not be reloaded, the previous contents stay in use: {e.Message}");
            }
            return false;
        }
    }

    /// <summary>
    /// reload_lookup_table(): reloads on a pool thread, like rsyslog's reloader thread, so the message that asked
    /// for it is not held up by file I/O. A request while a reload runs is merged into it.
    /// </summary>
    public void RequestReload(byte[]? stubValue)
    {
        if (Interlocked.Exchange(ref _reloading, 1) != 0) return;
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (table, stub) = state;
            try
            {
                table.Reload(stub);
            }
            finally
            {
                Volatile.Write(ref table._reloading, 0);
            }
        }, (this, stubValue), preferLocal: false);
    }

    /// <summary>Whether a reload requested with <see cref="RequestReload"/> is still running.</summary>
    public bool IsReloading => Volatile.Read(ref _reloading) != 0;
}
