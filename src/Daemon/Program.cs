using Sluice.Daemon.CommandLine;
using Sluice.Daemon.Hosting;

var (options, exitCode) = DaemonCommandLine.Parse(args, Console.Out, Console.Error);
if (options is null) return exitCode;
try
{
    return DaemonHost.Run(options);
}
catch (DaemonStartupException e)
{
    Console.Error.WriteLine($"sluiced: {e.Message}");
    return 1;
}
