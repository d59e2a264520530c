using Sluice.Tests.Integration;

namespace Sluice.Tests.Execution;

/// <summary>
/// Legacy action lists ('&amp;' continuation, '~', ';Template') and $!metadata!… paths with exists(), through
/// rsyslogd 8.2302 and sluiced: every output file must be identical.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class LegacyFormsExecutionTests
{
    private const string Templates =
        "template(name=\"m\" type=\"string\" string=\"%msg%\\n\")\n" +
        "template(name=\"meta\" type=\"string\" string=\"%msg% file=[%$!metadata!filename%] meta=[%$!metadata%]\\n\")\n";

    private static readonly string[] Messages =
    {
        "<13>Nov 22 08:00:01 host1 app:alpha one", "<11>Nov 22 08:00:02 host2 app:beta two", "<14>Nov 22 08:00:03 host1 db:alpha three",
        "<13>Nov 22 08:00:04 host3 app:gamma",
    };

    [Fact]
    public void Continuation_lines_share_the_filter_and_a_tilde_ends_the_message_there()
    {
        ScriptRun.AssertSameOutput(Templates,
            ":msg, contains, \"alpha\" {dir}/out-amp1;m\n" +
            "& {dir}/out-amp2;m\n" +
            "& ~\n" +
            "local0.* {dir}/out-none;m\n" +
            "*.=error {dir}/out-err;m\n" +
            "& {dir}/out-err2;m\n" +
            "*.* {dir}/out-after;m\n",
            Messages, "amp1", "amp2", "err", "err2", "after");
    }

    [Fact]
    public void Metadata_paths_and_exists()
    {
        ScriptRun.AssertSameOutput(Templates,
            "if $programname == \"app\" then set $!metadata!filename = \"/var/log/\" & $hostname & \".log\";\n" +
            "if exists($!metadata!filename) then action(type=\"omfile\" file=\"{dir}/out-exists\" template=\"meta\")\n" +
            "if not exists($!metadata!filename) then action(type=\"omfile\" file=\"{dir}/out-absent\" template=\"meta\")\n" +
            "if exists($!metadata) and not exists($!metadata!other) then action(type=\"omfile\" file=\"{dir}/out-parent\" template=\"meta\")\n" +
            "if $!metadata!filename startswith \"/var/log/host1\" then action(type=\"omfile\" file=\"{dir}/out-host1\" template=\"meta\")\n" +
            "if exists($.nothing) or exists($/nothing) then action(type=\"omfile\" file=\"{dir}/out-never\" template=\"meta\")\n",
            Messages, "exists", "absent", "parent", "host1");
    }
}
