using Sluice.Engine.Diagnostics;
using Sluice.Engine.Outputs.Forward;

namespace Sluice.Tests.Outputs.Forward;

public sealed class ConnectionErrorReporterTests
{
    private static ForwardSettings Settings(int skip) => new() { Target = "logs.example", PortText = "6514", ConErrSkip = skip };

    [Fact]
    public void EveryErrorIsLoggedWithoutConErrSkip()
    {
        var log = new RecordingLog();
        var r = new ConnectionErrorReporter(log, Settings(0));
        for (int i = 0; i < 4; i++) r.RemoteClosed();
        Assert.Equal(4, log.Lines.Count);
        Assert.StartsWith("omfwd: remote server at logs.example:6514 seems to have closed connection.", log.Lines[0].Text);
        Assert.Equal(LogLevel.Error, log.Lines[0].Level);
    }

    [Fact]
    public void ConErrSkipLogsEveryNthAndSaysHowManyAreSkipped()
    {
        var log = new RecordingLog();
        var r = new ConnectionErrorReporter(log, Settings(3));
        for (int i = 0; i < 7; i++) r.RemoteClosed();
        Assert.Equal(3, log.Lines.Count); // occurrences 1, 4 and 7
        Assert.All(log.Lines, l => Assert.EndsWith("Note that the next 2 connection error messages will be skipped.", l.Text));
    }
}
