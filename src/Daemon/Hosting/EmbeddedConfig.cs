namespace Sluice.Daemon.Hosting;

/// <summary>The default configuration compiled into the binary (src/Daemon/default.conf).</summary>
public static class EmbeddedConfig
{
    public const string Name = "<embedded default.conf>";

    public static string Text
    {
        get
        {
            using var s = typeof(EmbeddedConfig).Assembly.GetManifestResourceStream("default.conf")
                ?? throw new InvalidOperationException("default.conf is not embedded");
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }
    }
}
