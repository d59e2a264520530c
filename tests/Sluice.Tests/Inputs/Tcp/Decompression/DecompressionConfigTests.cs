using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Inputs.Tcp;
using Sluice.Engine.Inputs.Tcp.Decompression;
using Sluice.Engine.Messages;
using Sluice.Engine.Runtime;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Inputs.Tcp.Decompression;

public class DecompressionConfigTests
{
    private static readonly SourceLocation At = new("test.conf", 2, 1);

    private static ParamSet Set(ParamSchema schema, params (string Name, object Value)[] values)
    {
        var set = new ParamSet(schema, At);
        foreach (var (name, value) in values) set.Set(name, value, At with { Column = 5 });
        return set;
    }

    private static ParamSet Module(params (string, object)[] v) => Set(TcpInputParams.Module, v);
    private static ParamSet Input(params (string, object)[] v) => Set(TcpInputParams.Input, v.Append(("port", (object)"1")).ToArray());

    [Fact]
    public void OffByDefaultWithRsyslogsGuards()
    {
        var d = TcpInputConfig.From(Module(), Input(), 8096).Decompression;
        Assert.False(d.Enabled);
        Assert.Equal(CompressionDriver.Zlib, d.Driver);
        Assert.Equal(1024, d.MaxExpansionRatio);
        Assert.Equal(64L << 20, d.MaxDecompressedBytesPerReceive);
        Assert.Equal(64L << 20, d.MaxTotalZstdWindowBytes);
    }

    [Fact]
    public void ModuleSettingsApplyUnlessTheInputSetsItsOwn()
    {
        var module = Module(("compression.mode", "stream:always"), ("compression.driver", "zstd"), ("compression.maxExpansionRatio", 0L));
        var inherited = TcpInputConfig.From(module, Input(), 8096).Decompression;
        Assert.True(inherited.Enabled);
        Assert.Equal(CompressionDriver.Zstd, inherited.Driver);
        Assert.Equal(0, inherited.MaxExpansionRatio);

        var own = TcpInputConfig.From(module, Input(("compression.driver", "zlib"), ("compression.maxDecompressedBytesPerReceive", 1024L),
            ("compression.maxTotalZstdWindowBytes", 0L)), 8096).Decompression;
        Assert.True(own.Enabled);
        Assert.Equal(CompressionDriver.Zlib, own.Driver);
        Assert.Equal(1024, own.MaxDecompressedBytesPerReceive);
        Assert.Equal(0, own.MaxTotalZstdWindowBytes);

        var off = TcpInputConfig.From(module, Input(("compression.mode", "none")), 8096).Decompression;
        Assert.False(off.Enabled);
    }

    [Theory]
    [InlineData("compression.mode", "single")]
    [InlineData("compression.mode", "stream:auto")]
    [InlineData("compression.driver", "gzip")]
    [InlineData("compression.maxExpansionRatio", "-1")]
    public void ValuesImtcpDoesNotTakeAreRejected(string name, string value)
    {
        var def = TcpInputParams.Input.Find(name)!;
        Assert.False(def.NotSupported);
        Assert.Null(ParamConverter.Convert(def, value, name, out var error));
        Assert.Contains(name, error);
    }

    [Fact]
    public void SizesTakeRsyslogsUnits()
    {
        var def = TcpInputParams.Module.Find("compression.maxDecompressedBytesPerReceive")!;
        Assert.Equal(16L << 20, ParamConverter.Convert(def, "16m", def.Name, out _));
        Assert.Equal(DecompressionParams.DefaultMaxTotalZstdWindowBytes, TcpInputParams.Input.Find("compression.maxTotalZstdWindowBytes")!.Default);
    }

    [Fact]
    public void TheModuleCreatesADecompressingInput()
    {
        var services = new EngineServices(new GlobalSettings { EnableDns = false }, new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());
        using var input = (TcpInput)TcpInputModule.Instance.CreateInput(Module(),
            Input(("compression.mode", "stream:always"), ("compression.driver", "zstd")), services);
        Assert.True(input.Config.Decompression.Enabled);
        Assert.Equal("zstd", input.Config.Decompression.DriverName);
    }
}
