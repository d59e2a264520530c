using System.Text;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Messages.Variables;

public class GlobalVariablesTests
{
    [Fact]
    public void Readers_get_copies()
    {
        var globals = new GlobalVariables();
        var pool = new JsonNodePool();
        globals.Set(VariablePath.Parse("/o"), JsonReader.Parse("{\"k\": \"v\"} "u8, pool)!, reset: false);
        var text = new ByteBuffer(16);
        var copies = new JsonNodePool();
        Assert.Equal(JsonKind.Object, globals.Read(VariablePath.Parse("/o"), text, copies, out var copy));
        globals.Unset(VariablePath.Parse("/o!k"));
        Assert.Equal("{ \"o\": { } }", globals.ToJson());
        Assert.Equal("v", Encoding.UTF8.GetString(copy!.Member("k"u8)!.Text));
        Assert.Equal(JsonKind.Null, globals.Read(VariablePath.Parse("/nope"), text, copies, out _));
    }

    [Fact]
    public void Concurrent_writers_and_readers_keep_the_tree_consistent()
    {
        var globals = new GlobalVariables();
        var counter = VariablePath.Parse("/c!n");
        const int Threads = 4, Iterations = 2000;
        var tasks = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            var text = new ByteBuffer(32);
            var copies = new JsonNodePool();
            var mine = VariablePath.Parse($"/t{t}");
            for (int i = 0; i < Iterations; i++)
            {
                globals.SetInteger(mine, i, reset: false);
                globals.SetString(counter, Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), reset: false);
                text.Clear();
                globals.Read(counter, text, copies, out _);
                Assert.True(text.Length > 0);
            }
        })).ToArray();
        Assert.True(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)));
        string json = globals.ToJson();
        for (int t = 0; t < Threads; t++) Assert.Contains($"\"t{t}\": {Iterations - 1}", json);
    }
}
