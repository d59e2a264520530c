using Sluice.Engine.Scripting.Expressions;
using static Sluice.Tests.Scripting.Expressions.ExpressionTestKit;

namespace Sluice.Tests.Scripting.Expressions;

/// <summary>Filters run for every message: once the context's buffers have grown, evaluating them must not allocate.</summary>
public class ZeroAllocationTests
{
    public static TheoryData<string> Filters() => new()
    {
        // property against constant: the filters the brief requires at 0 B
        "$programname == \"sshd\"",
        "$programname != \"cron\"",
        "$msg contains \"password\"",
        "$msg contains_i \"FAILED\"",
        "$msg startswith \" Failed\"",
        "$hostname startswith_i \"MY\"",
        "$programname == [\"cron\", \"sshd\", \"su\"]",
        "$msg contains [\"error\", \"root\"]",
        "$syslogseverity > 4",
        "$syslogfacility-text == \"local0\"",
        "$procid > 100",
        "$pri-text == \"local0.info\"",
        "$timereported contains \"17:32\"",
        "not ($programname == \"cron\") and $hostname != \"x\" or $msg endswith \"ssh2\"",
        // more than comparisons
        "prifilt(\"local0.*;mail.none\")",
        "re_match($msg, \"port [0-9]+\")",
        "re_extract($msg, \"port ([0-9]+)\", 0, 1, \"\") == \"22\"",
        "field($msg, 32, 3) == \"password\"",
        "tolower($programname) == \"sshd\"",
        "$programname & \":\" & $procid == \"sshd:123\"",
        "strlen($msg) > 10",
        "substring($msg, 1, 6) == \"Failed\"",
        "replace($msg, \" \", \"_\") contains \"root\"",
        "$!user == \"root\"",
        "$.counter + 1 > 1",
        "exists($!user)",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Evaluating_allocates_nothing(string filter)
    {
        var expression = Compile(filter);
        var message = SampleMessage();
        var context = NewContext();
        var set = Compile("\"root\"");
        Sluice.Engine.Scripting.Expressions.VariableStore.Store(message, context,
            Sluice.Engine.Messages.Variables.VariablePath.Parse("!user"), set.Evaluate(message, context), reset: false);
        Sluice.Engine.Scripting.Expressions.VariableStore.Store(message, context,
            Sluice.Engine.Messages.Variables.VariablePath.Parse(".counter"), Compile("5").Evaluate(message, context), reset: false);

        bool first = expression.IsTrue(message, context);
        for (int i = 0; i < 10; i++) expression.IsTrue(message, context);
        int differing = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            if (expression.IsTrue(message, context) != first) differing++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, differing);
        Assert.True(first, $"{filter} should match the sample message");
    }
}
