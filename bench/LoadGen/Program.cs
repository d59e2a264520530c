using Sluice.LoadGen;

const string Usage = """
    usage:
      LoadGen send   --port P [--host 127.0.0.1] [--connections 4] [--messages 100000] [--framing lf|octet|mixed]
                     [--format 3164|5424|mixed] [--chunk 65536] [--time-limit 300] [--run-id ID] [--seed N] [--corpus 4096]
                     [--hosts N]   (hostnames host-0000 … host-N-1, e.g. for a dynaFile layout keyed on the hostname)
      LoadGen wait   --file F | --dir D --run-id ID --count N [--timeout 300]
      LoadGen verify --file F | --dir D --run-id ID --connections C --messages M [--ordered true]
    With --dir, every file under D (recursively) is read, as the output of a dynaFile action.
    Every message carries the marker LGSEQ=<run>.<conn>.<seq>; wait and verify look for it.
    """;

if (args.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
try
{
    var options = new Options(args.AsSpan(1));
    return args[0] switch
    {
        "send" => SendCommand.Run(options),
        "wait" => WaitCommand.Run(options),
        "verify" => VerifyCommand.Run(options),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"LoadGen: {ex.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
