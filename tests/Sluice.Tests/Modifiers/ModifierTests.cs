using System.Text;
using Sluice.Engine.Messages;
using Sluice.Engine.Modifiers;
using Sluice.Tests.Properties;
using Sluice.Tests.Scripting.Statements;

namespace Sluice.Tests.Modifiers;

public class ModifierTests
{
    private static string Msg(Message m) => Encoding.UTF8.GetString(m.Slice(m.Msg));

    [Fact]
    public void Rm1stSpace_removes_only_a_leading_space_and_leaves_rsyslogs_nul_in_the_raw_message()
    {
        var m = SampleMessages.Parse("<13>Oct 11 22:14:15 host app: hello  world");
        int rawLength = m.RawLength;
        FirstSpaceRemover.Instance.Modify(m);
        Assert.Equal("hello  world", Msg(m));
        Assert.Equal(rawLength, m.RawLength); // rsyslog's setMSGLen keeps the raw length ...
        Assert.Equal("<13>Oct 11 22:14:15 host app:hello  world\0", Encoding.UTF8.GetString(m.Raw)); // ... with a NUL at its end

        FirstSpaceRemover.Instance.Modify(m); // no space left in front: nothing changes
        Assert.Equal("hello  world", Msg(m));

        var two = SampleMessages.Parse("<13>Oct 11 22:14:15 host app:  two");
        FirstSpaceRemover.Instance.Modify(two);
        Assert.Equal(" two", Msg(two)); // only the first one

        var empty = SampleMessages.Parse("<13>Oct 11 22:14:15 host app:");
        FirstSpaceRemover.Instance.Modify(empty);
        Assert.Equal("", Msg(empty));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xC3, 0xA9, (byte)'b' }, new byte[] { (byte)'a', 0xC3, 0xA9, (byte)'b' })] // valid é
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, new byte[] { 0xF0, 0x9F, 0x98, 0x80 })] // valid 4-byte
    [InlineData(new byte[] { (byte)'a', 0xC3 }, new byte[] { (byte)'a', (byte)'?' })] // lead at the end
    [InlineData(new byte[] { 0xE2, 0x82 }, new byte[] { (byte)'?', (byte)'?' })] // cut by the end
    [InlineData(new byte[] { 0xC3, (byte)'(', (byte)'x' }, new byte[] { (byte)'?', (byte)'(', (byte)'x' })] // cut: the byte starts anew
    [InlineData(new byte[] { 0xE2, (byte)'(', (byte)'x' }, new byte[] { (byte)'?', (byte)'(', (byte)'x' })]
    [InlineData(new byte[] { 0xE2, 0x82, 0xC3, 0xA9 }, new byte[] { (byte)'?', (byte)'?', 0xC3, 0xA9 })] // a new lead cuts
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { (byte)'?', (byte)'?', (byte)'?', (byte)'?' })] // > U+10FFFF
    [InlineData(new byte[] { 0xC0, 0xAF }, new byte[] { (byte)'?', (byte)'?' })] // overlong 2-byte
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF }, new byte[] { (byte)'?', (byte)'?', (byte)'?' })] // overlong 3-byte
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { (byte)'?', (byte)'?', (byte)'?' })] // UTF-16 surrogate
    [InlineData(new byte[] { 0xF8, 0x88, (byte)'x', 0xFF }, new byte[] { (byte)'?', (byte)'?', (byte)'x', (byte)'?' })] // 5-byte lead, strays
    public void Utf8_mode_walks_like_rsyslogs_doUTF8(byte[] input, byte[] expected)
    {
        var msg = (byte[])input.Clone();
        Utf8Fixer.FixUtf8(msg, (byte)'?');
        Assert.Equal(expected, msg);
    }

    [Fact]
    public void Control_character_mode_replaces_everything_outside_printable_ascii()
    {
        byte[] msg = [(byte)'a', 0x01, (byte)'~', 0x7F, 0xC3, 0xA9, (byte)' ', 0x1F];
        Utf8Fixer.FixControlCharacters(msg, (byte)'_');
        Assert.Equal("a_~___ _"u8.ToArray(), msg);
    }

    [Fact]
    public void Mm_actions_change_the_message_for_later_actions_only()
    {
        using var plan = new ScriptPlan("""
            module(load="mmrm1stspace")
            module(load="mmutf8fix")
            template(name="t" type="string" string="[%msg%]\n")
            action(type="omfile" file="{dir}/before" template="t")
            action(type="mmrm1stspace")
            action(type="omfile" file="{dir}/middle" template="t")
            action(type="mmutf8fix" mode="controlcharacters" replacementChar="_")
            action(type="omfile" file="{dir}/after" template="t")
            """);
        plan.Run(SampleMessages.Parse("<13>Oct 11 22:14:15 host app: caf\u00e9 ok"), SampleMessages.Parse("<13>Oct 11 22:14:15 host app:x"));
        Assert.Equal("[ caf\u00e9 ok]\n[x]\n", plan.Read("before"));
        Assert.Equal("[caf\u00e9 ok]\n[x]\n", plan.Read("middle"));
        Assert.Equal("[caf__ ok]\n[x]\n", plan.Read("after"));
        var names = plan.Plan.Actions.Select(a => a.Name).ToArray();
        Assert.Equal("action-1-mmrm1stspace", names[1]);
        Assert.Equal(2, plan.Plan.Actions[1].Processed.Value);
    }

    [Fact]
    public void Mm_modules_must_be_loaded_and_take_no_template()
    {
        var errors = ScriptPlan.Errors("action(type=\"mmrm1stspace\")\n");
        Assert.Contains(errors, e => e.Contains("module 'mmrm1stspace' is not loaded: add module(load=\"mmrm1stspace\")"));

        errors = ScriptPlan.Errors("module(load=\"mmrm1stspace\")\naction(type=\"mmrm1stspace\" template=\"RSYSLOG_FileFormat\")\n");
        Assert.Contains(errors, e => e.Contains("test.conf:2:") && e.Contains("parameter 'template' not known"));

        errors = ScriptPlan.Errors("module(load=\"mmrm1stspace\")\naction(type=\"mmrm1stspace\" mode=\"x\")\n");
        Assert.Contains(errors, e => e.Contains("mode"));
    }

    [Fact]
    public void Mmutf8fix_parameters_are_checked_as_rsyslog_does()
    {
        var errors = ScriptPlan.Errors("module(load=\"mmutf8fix\")\naction(type=\"mmutf8fix\" mode=\"UTF-8\")\n");
        Assert.Contains(errors, e => e.Contains("mmutf8fix: invalid mode 'UTF-8'")); // rsyslog compares case-sensitively
        errors = ScriptPlan.Errors("module(load=\"mmutf8fix\")\naction(type=\"mmutf8fix\" replacementChar=\"ab\")\n");
        Assert.Contains(errors, e => e.Contains("must contain exactly one character but contains 2"));
        errors = ScriptPlan.Errors("module(load=\"mmutf8fix\")\naction(type=\"mmutf8fix\" replacementChar=\"\u00e9\")\n");
        Assert.Contains(errors, e => e.Contains("must contain exactly one character but contains 2"));
    }

    [Fact]
    public void Mmnormalize_is_reported_as_not_supported_yet()
    {
        var errors = ScriptPlan.Errors("module(load=\"mmnormalize\")\naction(type=\"mmnormalize\")\n");
        Assert.Contains(errors, e => e.Contains("'mmnormalize' is not supported by Sluice yet"));
    }

    [Fact]
    public void Modifying_allocates_nothing()
    {
        var fixer = new Utf8Fixer(Utf8FixMode.Utf8, (byte)' ');
        var messages = Enumerable.Range(0, 8).Select(i => SampleMessages.Parse($"<13>Oct 11 22:14:15 host app:  caf\u00e9 {i}")).ToArray();
        var remover = FirstSpaceRemover.Instance;
        foreach (var m in messages) fixer.Modify(m);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var m in messages)
        {
            remover.Modify(m);
            fixer.Modify(m);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
