using Sluice.Daemon.CommandLine;
using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Daemon.Hosting;

/// <summary>Loads the config, starts the engine and serves signals until told to stop.</summary>
public static class DaemonHost
{
    public static string Version => typeof(DaemonHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static int Run(DaemonOptions options)
    {
        var registry = BuiltInModules.CreateRegistry();
        if (options.ShowVersion)
        {
            PrintVersion(registry);
            return 0;
        }

        var log = new EngineLog(toStderr: true);
        string configName = options.EmbeddedConfig ? EmbeddedConfig.Name : options.ConfigFile ?? DaemonOptions.DefaultConfigFile;
        var services = new EngineServices(new GlobalSettings(), log, new MessagePool(), new StatsRegistry(), new TemplateRegistry());

        RuntimePlan plan;
        try
        {
            var document = options.EmbeddedConfig
                ? ConfigLoader.LoadText(EmbeddedConfig.Text, EmbeddedConfig.Name)
                : ConfigLoader.LoadFile(configName);
            plan = new PlanBuilder(registry, new TemplateFactory()).Build(document, services);
        }
        catch (ConfigException e)
        {
            // The compilers' format, which editors and CI annotators understand.
            foreach (var error in e.Errors) Console.Error.WriteLine($"{error.Location}: error: {error.Message}");
            Console.Error.WriteLine($"sluiced: {e.Errors.Count} error(s) in configuration {configName}");
            return 1;
        }

        if (options.CheckLevel is { } level)
        {
            Console.Error.WriteLine($"sluiced: version {Version}, config validation run (level {level}), master config {configName}");
            Console.Error.WriteLine("sluiced: End of config validation run. Bye.");
            return 0;
        }

        // rsyslogd sets $Umask / global(umask=) once the config is read, before anything is created.
        if (plan.Globals.Umask is int umask) Sluice.Native.Ownership.SetUmask((UnixFileMode)umask);

        using var signals = new SignalHandlers();
        using var pidFile = options.PidFile is null ? null : PidFile.Create(options.PidFile);
        using var engine = new SyslogEngine(plan, services, log);
        try
        {
            engine.Start();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"sluiced: cannot start: {e.Message}");
            engine.Stop();
            return 1;
        }
        log.Info($"[origin software=\"sluiced\" swVersion=\"{Version}\" x-pid=\"{Environment.ProcessId}\"] start");

        while (true)
        {
            switch (signals.Wait())
            {
                case SignalHandlers.Request.Stop:
                    log.Info($"[origin software=\"sluiced\" swVersion=\"{Version}\" x-pid=\"{Environment.ProcessId}\"] exiting on signal 15.");
                    engine.Stop();
                    return 0;
                case SignalHandlers.Request.Reopen:
                    engine.Reopen();
                    break;
                case SignalHandlers.Request.Stats:
                    WriteStats(services.Stats);
                    break;
            }
        }
    }

    private static void WriteStats(StatsRegistry stats)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var o in stats.Snapshot()) sb.Append(o.ToLegacyLine()).Append('\n');
        Console.Error.Write(sb.ToString());
        Console.Error.Flush();
    }

    private static void PrintVersion(ModuleRegistry registry)
    {
        Console.WriteLine($"sluiced {Version}, an rsyslog-compatible syslog daemon (config language and wire formats of rsyslog 8)");
        Console.WriteLine($"\tNative AOT:\t\t\t\t{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "No" : "Yes")}");
        Console.WriteLine($"\tModules compiled in:\t\t\t{string.Join(", ", registry.All.Select(m => m.Name))}");
    }
}
