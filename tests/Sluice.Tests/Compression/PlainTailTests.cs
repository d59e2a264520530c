using Sluice.Engine.Compression;

namespace Sluice.Tests.Compression;

public sealed class PlainTailTests
{
    [Fact]
    public void KeepsExactlyTheLastBytesWrittenWhateverTheWriteSizes()
    {
        var r = new Random(1);
        var tail = new PlainTail(100);
        var all = new List<byte>();
        foreach (int n in new[] { 0, 1, 30, 99, 100, 101, 7, 250, 3, 60, 60 })
        {
            var chunk = new byte[n];
            r.NextBytes(chunk);
            tail.Append(chunk);
            all.AddRange(chunk);
            Assert.Equal(all.Skip(Math.Max(0, all.Count - 100)).ToArray(), tail.Span.ToArray());
        }
        var copy = new PlainTail(40);
        copy.CopyFrom(tail);
        Assert.Equal(all.Skip(all.Count - 40).ToArray(), copy.Span.ToArray());
        copy.Clear();
        Assert.Equal(0, copy.Length);
    }
}
