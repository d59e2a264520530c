namespace Sluice.Tests.Scripting.Expressions;

/// <summary>
/// Every expression of Data/expressions.tsv gives, in Sluice, the same result rsyslogd 8.2302 gave: the value stored
/// by <c>set $.r = …;</c> (type and text, as %$.% renders it), the $! and $/ trees the statements left behind, and
/// config errors where rsyslogd refused the config.
/// </summary>
public class RsyslogExpressionTableTests
{
    /// <summary>rsyslogd 8.2302 rejects these; Sluice accepts them on purpose (later rsyslog versions have them).</summary>
    private static readonly string[] Supersets = ["endswith"];

    public static TheoryData<int> Lines()
    {
        var data = new TheoryData<int>();
        foreach (var row in ExpressionRow.Load()) data.Add(row.Line);
        return data;
    }

    private static readonly Dictionary<int, ExpressionRow> Rows = ExpressionRow.Load().ToDictionary(r => r.Line);

    [Theory]
    [MemberData(nameof(Lines))]
    public void Same_result_as_rsyslogd(int line)
    {
        var row = Rows[line];
        var runner = new ExpressionRunner(row.Message);
        var errors = runner.Run($"{row.Setup}\nset $.r = {row.Expression};");
        if (row.IsError)
        {
            if (Supersets.Any(s => row.Expression.Contains(s, StringComparison.Ordinal))) return;
            Assert.True(errors.Count > 0, $"{row}: rsyslogd refused it ({row.Local}) but Sluice accepted it");
            return;
        }
        Assert.True(errors.Count == 0, $"{row}: {string.Join("; ", errors)}");
        Assert.Equal((row.Local, row.Tree, row.Global), (runner.Local, runner.Tree, runner.Global));
    }

    [Fact]
    public void The_table_covers_the_odd_cases()
    {
        var rows = ExpressionRow.Load();
        Assert.True(rows.Count > 600);
        Assert.True(rows.Select(r => r.Message).Distinct().Count() >= 2);
        // A few rows the brief names explicitly, so the table cannot silently lose them.
        string[] required =
        [
            "\"01\" == 1", "\"abc\" == 0", "$!missing", "re_extract($msg, \"(x)?port\", 0, 1, \"nomatch\")",
            "field(\"a,b,c\", \",\", 4)", "substring(\"abcdef\", 10, 2)", "cnum(\"42abc\")", "7 / 0",
            "$msg contains [\"xyz\", \"root\"]", "1 or 0 and 0", "\"a\" & 1",
        ];
        foreach (string expression in required) Assert.Contains(rows, r => r.Expression == expression && !r.IsError);
    }
}
