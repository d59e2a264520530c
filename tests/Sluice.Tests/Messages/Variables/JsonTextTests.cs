using System.Text;
using Sluice.Engine.Messages.Variables;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Messages.Variables;

/// <summary>JSON text in and out, with json-c's reading rules and libfastjson's printing (checked with rsyslogd 8.2302).</summary>
public class JsonTextTests
{
    private static string RoundTrip(string text)
    {
        var pool = new JsonNodePool();
        var node = JsonReader.Parse(Encoding.UTF8.GetBytes(text), pool);
        if (node is null) return "(invalid)";
        var b = new ByteBuffer(64);
        JsonWriter.Write(b, node);
        return Encoding.UTF8.GetString(b.WrittenSpan);
    }

    [Theory]
    [InlineData("{\"a\":1,\"b\":\"x\"}", "{ \"a\": 1, \"b\": \"x\" }")]
    [InlineData("{}", "{ }")]
    [InlineData("[]", "[ ]")]
    [InlineData("[1,[2,[]],{}]", "[ 1, [ 2, [ ] ], { } ]")]
    [InlineData("{\"d\": [1.5, -2.25e3, 1E2, 1., -0.0]}", "{ \"d\": [ 1.5, -2.25e3, 1E2, 1., -0.0 ] }")]
    [InlineData("{\"big\": 12345678901234567890, \"neg\": -12345678901234567890}", "{ \"big\": 9223372036854775807, \"neg\": -9223372036854775808 }")]
    [InlineData("{\"u\": \"\\u00e9\\n\\/\\ud83d\\ude00\"}", "{ \"u\": \"é\\n\\/😀\" }")]
    [InlineData("{\"A\": 1, \"a\": 2}", "{ \"A\": 2 }")]
    [InlineData("{'a': 'single'}", "{ \"a\": \"single\" }")]
    [InlineData("{\"a\":1,}", "{ \"a\": 1 }")]
    [InlineData("[1,2,]", "[ 1, 2 ]")]
    [InlineData("{\"a\": /* c */ TRUE, // x\n\"b\": Null}", "{ \"a\": true, \"b\": null }")]
    [InlineData("  {\"a\":1} trailing junk", "{ \"a\": 1 }")]
    [InlineData("\"str\"", "\"str\"")]
    [InlineData("5 ", "5")]
    public void Valid_text(string text, string rendered) => Assert.Equal(rendered, RoundTrip(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("5")]      // a number at the very end is incomplete for json-c
    [InlineData("true")]
    [InlineData("{\"a\": -}")]
    [InlineData("{\"a\": .5}")]
    [InlineData("{\"a\": +1}")]
    [InlineData("{\"a\": \"x\\qy\"}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1")]
    [InlineData("[1 2]")]
    public void Invalid_text(string text) => Assert.Equal("(invalid)", RoundTrip(text));

    [Fact]
    public void Nesting_is_limited_to_json_c_default_depth()
    {
        Assert.NotEqual("(invalid)", RoundTrip(new string('[', 32) + new string(']', 32)));
        Assert.Equal("(invalid)", RoundTrip(new string('[', 33) + new string(']', 33)));
    }

    [Fact]
    public void Strings_print_raw_in_WriteValue_and_quoted_in_Write()
    {
        var pool = new JsonNodePool();
        var s = pool.RentString("a/b"u8);
        var b = new ByteBuffer(16);
        JsonWriter.WriteValue(b, s);
        Assert.Equal("a/b", Encoding.UTF8.GetString(b.WrittenSpan));
        b.Clear();
        JsonWriter.Write(b, s);
        Assert.Equal("\"a\\/b\"", Encoding.UTF8.GetString(b.WrittenSpan));
    }
}

public class JsonReaderRobustnessTests
{
    [Fact]
    public void Arbitrary_text_never_throws_and_recycles_partial_trees()
    {
        var random = new Random(12345);
        byte[] alphabet = "{}[],:\"'\\/*ntrufalse0123456789.-+eE \n\tx\u00e9"u8.ToArray();
        var pool = new JsonNodePool();
        var buffer = new Sluice.Engine.Templates.ByteBuffer(256);
        for (int i = 0; i < 5000; i++)
        {
            var text = new byte[random.Next(0, 40)];
            for (int j = 0; j < text.Length; j++) text[j] = alphabet[random.Next(alphabet.Length)];
            var node = JsonReader.Parse(text, pool);
            if (node is null) continue;
            buffer.Clear();
            JsonWriter.Write(buffer, node);
            // What was printed reads back to the same tree.
            var again = JsonReader.Parse([.. buffer.WrittenSpan, (byte)' '], pool);
            Assert.NotNull(again);
            var second = new Sluice.Engine.Templates.ByteBuffer(256);
            JsonWriter.Write(second, again);
            Assert.Equal(buffer.WrittenSpan.ToArray(), second.WrittenSpan.ToArray());
            pool.Return(node);
            pool.Return(again);
        }
    }
}
