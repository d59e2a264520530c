using Sluice.Tests.Integration;

namespace Sluice.Tests.Execution;

/// <summary>The same script and messages through rsyslogd 8.2302 and sluiced: every output file must be identical.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ScriptExecutionTests
{
    private const string Templates =
        "template(name=\"m\" type=\"string\" string=\"%msg%\\n\")\n" +
        "template(name=\"vars\" type=\"string\" string=\"%msg% !=[%$!%] .=[%$.%] /=[%$/script-g%] ab=[%$!a!b%] x=[%$.x%]\\n\")\n";

    private static string Out(string name, string template = "m") => $"action(type=\"omfile\" file=\"{{dir}}/out-{name}\" template=\"{template}\")";

    private static readonly string[] Words =
    {
        "<13>Nov 22 08:00:01 host1 app:alpha one", "<11>Nov 22 08:00:02 host2 app:beta two", "<14>Nov 22 08:00:03 host1 db:gamma three",
        "<13>Nov 22 08:00:04 host3 app:", "<165>Nov 22 08:00:05 host1 web[12]:alpha stop here", "<13>Nov 22 08:00:06 host2 db:BETA x\"y",
    };

    [Fact]
    public void Rule_order_stop_and_if_else_chains()
    {
        ScriptRun.AssertSameOutput(Templates,
            Out("first") + "\n" +
            "if $msg contains 'alpha' then " + Out("alpha") + "\n" +
            "else if $programname == 'db' then { " + Out("db") + " }\n" +
            "else if $syslogseverity <= 3 then " + Out("severe") + "\n" +
            "else " + Out("rest") + "\n" +
            "if $msg contains 'stop' then stop\n" +
            "*.info;local4.none " + Out("selector") + "\n" +
            Out("last") + "\n",
            Words, "first", "alpha", "db", "severe", "rest", "selector", "last");
    }

    /// <summary>
    /// action.copyMsg: a queued action renders the message as it was when the action ran, not as later statements
    /// changed it (here, the action queue is held back by a dequeue slowdown so the change happens first).
    /// </summary>
    [Fact]
    public void A_queued_action_with_copyMsg_keeps_the_message_as_it_was()
    {
        ScriptRun.AssertSameOutput("template(name=\"v\" type=\"string\" string=\"%$!x% %msg%\\n\")\n",
            "set $!x = \"before\";\n" +
            "action(type=\"omfile\" file=\"{dir}/out-copy\" template=\"v\" queue.type=\"LinkedList\" queue.dequeueSlowdown=\"200000\" action.copyMsg=\"on\")\n" +
            "set $!x = \"after\";\n" +
            "action(type=\"omfile\" file=\"{dir}/out-direct\" template=\"v\")\n",
            Words, "copy", "direct");
    }

    [Fact]
    public void Call_nested_rulesets_and_stop_inside_a_called_ruleset()
    {
        ScriptRun.AssertSameOutput(Templates +
            "ruleset(name=\"outer\") { " + Out("outer") + " call inner " + Out("outer-after") + " }\n" +
            "ruleset(name=\"inner\") { " + Out("inner") + " if $msg contains 'stop' then stop " + Out("inner-after") + " }\n",
            "call outer\n" + Out("after-call") + "\n" +
            "call_indirect \"in\" & \"ner\";\n" + Out("after-indirect") + "\n",
            Words, "outer", "outer-after", "inner", "inner-after", "after-call", "after-indirect");
    }

    [Fact]
    public void Foreach_over_a_json_array_and_object_parsed_into_message_variables()
    {
        ScriptRun.AssertSameOutput(Templates + "template(name=\"i\" type=\"string\" string=\"%$.i% [%$.%]\\n\")\n",
            "set $.rc = parse_json($msg, \"\\$!\");\n" +
            "foreach ($.i in $!list) do { " + Out("list", "i") + " if $.i == 2 then continue " + Out("list2", "i") + " }\n" +
            "foreach ($.i in $!map) do " + Out("map", "i") + "\n" +
            "set $.i = \"untouched when no loop runs\";\n" +
            "foreach ($.i in $!none) do " + Out("none", "i") + "\n" +
            Out("after", "vars") + "\n" +
            "foreach ($.i in $!list) do { if $.i == \"three\" then stop }\n" +
            Out("not-stopped", "vars") + "\n",
            new[]
            {
                "<13>Nov 22 08:00:01 h p:{\"list\":[1,2,\"three\",{\"four\":4},[5]],\"map\":{\"k\":\"v\",\"n\":null,\"o\":{\"p\":true}}}",
                "<13>Nov 22 08:00:01 h p:{\"list\":[],\"map\":{}}",
                "<13>Nov 22 08:00:01 h p:not json",
            }, "list", "list2", "map", "after", "not-stopped");
    }

    [Fact]
    public void Property_filters_with_every_operation_and_negation()
    {
        string[] ops = { "contains", "isequal", "startswith", "regex", "ereregex", "isempty" };
        var rules = new System.Text.StringBuilder();
        foreach (var op in ops)
        {
            string value = op switch { "regex" => "^al.*a", "ereregex" => "^(beta|gamma)", "isequal" => "alpha one", "isempty" => "", "startswith" => "alpha", _ => "ta" };
            rules.Append($":msg, {op}, \"{value}\" {Out(op)}\n");
            rules.Append($":msg, !{op}, \"{value}\" {Out("not-" + op)}\n");
        }
        rules.Append(":programname, isequal, \"db\" " + Out("prog") + "\n");
        rules.Append(":hostname, startswith, \"host1\" " + Out("host") + "\n");
        rules.Append(":msg, contains, \"x\\\"y\" " + Out("quote") + "\n");
        ScriptRun.AssertSameOutput(Templates, rules.ToString(), Words,
            "contains", "isequal", "startswith", "regex", "ereregex", "isempty", "not-isempty", "prog", "host", "quote");
    }

    [Fact]
    public void Set_unset_and_reset_of_message_local_and_global_variables_in_templates()
    {
        ScriptRun.AssertSameOutput(Templates +
            "template(name=\"list\" type=\"list\") { property(name=\"$!a\") constant(value=\"|\") property(name=\"$.x\") " +
            "constant(value=\"|\") property(name=\"$!a!b\" caseConversion=\"upper\") constant(value=\"\\n\") }\n" +
            "template(name=\"all\" type=\"string\" string=\"[%$!all-json%] [%$!all-json-plain%] [%$!all-json-plain:2:9%]\\n\")\n" +
            "template(name=\"jsonf\" type=\"string\" string=\"[%$!a:::jsonf%] [%$!a!b:::jsonf%] [%$.x:::jsonf%] [%$/script-g:::jsonf%] " +
            "[%!a:::jsonf%] [%.x:::jsonf%] [%$!a!b:::jsonr%] [%$!missing:::jsonf%] [%$!a:::json%]\\n\")\n" +
            "template(name=\"jsonl\" type=\"list\") { property(name=\"$!a\" format=\"jsonf\") property(name=\"!a\" format=\"jsonf\") " +
            "property(name=\"$.x\" format=\"jsonf\") property(name=\".x\" format=\"jsonf\") property(name=\"$/script-g\" format=\"jsonf\") " +
            "property(name=\"$!a!n\" format=\"jsonf\" datatype=\"number\" outname=\"num\") constant(value=\"\\n\") }\n",
            Out("before", "all") + "\n" +
            "set $!a!b = $programname;\nset $!a!n = 5;\nset $.x = $msg;\nset $/script-g = \"G\";\n" +
            Out("set", "vars") + "\n" + Out("list", "list") + "\n" + Out("jsonf", "jsonf") + "\n" + Out("jsonl", "jsonl") + "\n" +
            "unset $!a!n;\nreset $.x = 7;\nset $!c = \"c\";\n" + Out("changed", "vars") + "\n" +
            Out("all", "all") + "\n" +
            "unset $!a;\nunset $!c;\n" + Out("emptied", "all") + "\n" +
            "unset $!;\nunset $/script-g;\n" + Out("unset", "vars") + "\n",
            Words, "before", "set", "list", "jsonf", "jsonl", "changed", "all", "emptied", "unset");
    }

    [Fact]
    public void Call_of_a_ruleset_with_its_own_queue_hands_over_a_copy_and_the_caller_goes_on()
    {
        // The queued ruleset sees the caller's variables as they were at the call; its changes and its stop stay its own.
        ScriptRun.AssertSameOutput(Templates +
            "ruleset(name=\"queued\" queue.type=\"LinkedList\" queue.size=\"1000\") { set $.x = \"in-queue\"; " + Out("queued", "vars") + " stop }\n",
            "set $!a!b = $programname;\nset $.x = \"caller\";\ncall queued\nset $!after = 1;\n" + Out("after", "vars") + "\n",
            Words, "queued", "after");
    }

    [Fact]
    public void An_input_bound_to_a_ruleset_with_its_own_queue_is_processed_there()
    {
        ScriptRun.AssertSameOutput(Templates, "queue.type=\"FixedArray\" queue.size=\"500\" queue.workerThreads=\"1\"",
            "if $syslogseverity < 4 then " + Out("severe") + " else " + Out("other") + "\n",
            Words, "severe", "other");
    }
}
