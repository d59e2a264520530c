using Sluice.Engine.Config;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Modules;
using Sluice.Engine.Queues;
using Sluice.Engine.Runtime;
using Sluice.Engine.Scripting;
using Sluice.Engine.Stats;
using Sluice.Engine.Templates;

namespace Sluice.Tests.Config;

public class PlanBuilderTests
{
    private readonly FakeInputModule _imtcp = FakeInputModule.ImTcp();
    private readonly FakeInputModule _imudp = new("imudp", Sluice.Engine.Config.Schema.ParamSchema.Empty,
        new Sluice.Engine.Config.Schema.ParamSchema(new[] { new Sluice.Engine.Config.Schema.ParamDef("port", Sluice.Engine.Config.Schema.ParamType.StringArray) }));
    private readonly FakeOutputModule _omfile = FakeOutputModule.OmFile();
    private readonly FakeOutputModule _omrelp = new("omrelp", builtIn: false);
    private readonly FakeTemplateFactory _templates = new();
    private EngineServices _services = NewServices();

    private static EngineServices NewServices()
        => new(new GlobalSettings(), new RecordingLog(), new MessagePool(), new StatsRegistry(), new TemplateRegistry());

    /// <summary>Binds with fresh engine services (kept in _services for inspection).</summary>
    private RuntimePlan Build(string text)
    {
        _services = NewServices();
        var registry = new ModuleRegistry();
        registry.Register(_imtcp);
        registry.Register(_imudp);
        registry.Register(_omfile);
        registry.Register(_omrelp);
        return new PlanBuilder(registry, _templates).Build(ConfigLoader.LoadText(text, "test.conf"), _services);
    }

    private List<string> Errors(string text)
        => Assert.Throws<ConfigException>(() => Build(text)).Errors.Select(e => e.ToString()).ToList();

    private string Error(string text) => Assert.Single(Errors(text));

    private const string Sample =
        "module(load=\"imtcp\" MaxSessions=\"500\" workerThreads=\"2\" StarvationProtection.MaxReads=\"500\")\n" +
        "input(type=\"imtcp\" port=\"10514\" address=\"127.0.0.1\")\n" +
        "action(type=\"omfile\" file=\"/var/log/remote.log\" template=\"RSYSLOG_FileFormat\")\n";

    [Fact]
    public void The_issue_sample_config_binds()
    {
        var plan = Build(Sample);

        var input = Assert.IsType<FakeInput>(Assert.Single(plan.Inputs));
        Assert.Equal(500L, input.ModuleParams.GetLong("MaxSessions"));
        Assert.Equal(2L, input.ModuleParams.GetLong("workerThreads"));
        Assert.Equal(500L, input.ModuleParams.GetLong("StarvationProtection.MaxReads"));
        Assert.Equal("10514", input.InputParams.GetString("port"));
        Assert.Equal("127.0.0.1", input.InputParams.GetString("address"));
        Assert.True(input.InputParams.GetBool("SupportOctetCountedFraming")); // schema default
        Assert.Equal(new SourceLocation("test.conf", 2, 25), input.InputParams.LocationOf("port"));

        var action = Assert.Single(plan.Actions);
        Assert.Equal(0, action.Index);
        Assert.Equal("action-0-builtin:omfile", action.Name);
        Assert.Equal("omfile", action.ModuleName);
        var output = Assert.IsType<FakeOutput>(action.Output);
        Assert.Equal("/var/log/remote.log", output.ActionParams.GetString("file"));
        Assert.Equal("RSYSLOG_FileFormat", output.Template.Name);
        Assert.Equal("RSYSLOG_FileFormat", output.ActionParams.GetString("template"));

        var statement = Assert.IsType<ActionStatement>(Assert.Single(plan.DefaultRuleset.Statements));
        Assert.Same(action, statement.Action);
        Assert.Same(plan.DefaultRuleset, plan.Rulesets[Ruleset.DefaultName]);
        Assert.Equal(QueueSettings.LegacyMainQueue, plan.MainQueue);
        Assert.Same(_services.Templates, plan.Templates);
    }

    [Fact]
    public void Unknown_module_parameter_with_suggestion_and_location()
    {
        Assert.Equal("test.conf:1:21: imtcp: parameter 'MaxSesions' is not known (did you mean 'MaxSessions'?)",
            Error("module(load=\"imtcp\" MaxSesions=\"500\")"));
    }

    [Fact]
    public void Unknown_parameter_without_a_close_name()
    {
        Assert.Equal("test.conf:1:49: imtcp: parameter 'completelydifferent' is not known",
            Error("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"1\" completelydifferent=\"x\")".Replace("\ninput", "input")));
    }

    [Fact]
    public void Unknown_and_unsupported_modules()
    {
        Assert.Equal("test.conf:1:13: module 'imtcpp' is not known (did you mean 'imtcp'?)", Error("module(load=\"imtcpp\")"));
        Assert.Equal("test.conf:1:13: module 'imfile' is not supported by Sluice yet", Error("module(load=\"imfile\")"));
        Assert.Equal("test.conf:1:13: module 'omelasticsearch' is not supported by Sluice yet",
            Error("action(type=\"omelasticsearch\" server=\"x\")"));
        Assert.Equal("test.conf:1:13: module 'frobnicator' is not known", Error("module(load=\"frobnicator\")"));
    }

    [Fact]
    public void Builtin_prefix_is_accepted()
    {
        var plan = Build("module(load=\"builtin:omfile\" template=\"RSYSLOG_TraditionalFileFormat\")\naction(type=\"builtin:omfile\" file=\"/x\")");
        // module(template=…) is omfile's default template for actions that name none.
        Assert.Equal("RSYSLOG_TraditionalFileFormat", Assert.IsType<FakeOutput>(Assert.Single(plan.Actions).Output).Template.Name);
    }

    [Fact]
    public void Unknown_template_with_suggestion_and_location()
    {
        Assert.Equal("test.conf:1:41: template 'RSYSLOG_FileFormt' is not defined (did you mean 'RSYSLOG_FileFormat'?)",
            Error("action(type=\"omfile\" file=\"/x\" template=\"RSYSLOG_FileFormt\")"));
    }

    [Fact]
    public void Template_used_before_its_definition()
    {
        Assert.Equal("test.conf:1:41: template 'later' is used before it is defined (at test.conf:2:1); define templates above the actions that use them",
            Error("action(type=\"omfile\" file=\"/x\" template=\"later\")\ntemplate(name=\"later\" type=\"string\" string=\"%msg%\\n\")"));
    }

    [Fact]
    public void String_templates_are_compiled_by_the_factory()
    {
        var plan = Build("template(name=\"t1\" type=\"string\" string=\"%HOSTNAME% %msg%\\n\")\naction(type=\"omfile\" file=\"/x\" template=\"t1\")");
        var (name, text, location) = Assert.Single(_templates.Compiled);
        Assert.Equal("t1", name);
        Assert.Equal("%HOSTNAME% %msg%\n", text);
        Assert.Equal(new SourceLocation("test.conf", 1, 41), location);
        Assert.Same(plan.Templates.Find("t1"), Assert.IsType<FakeOutput>(Assert.Single(plan.Actions).Output).Template);
    }

    [Fact]
    public void Template_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:55: property() of template 't1': parameter 'bogus' is not known",
            "test.conf:2:1: template 't2' of type \"string\" needs the 'string' parameter",
            "test.conf:3:1: template(): parameter 'type' is required",
            "test.conf:4:41: template 't4': unknown property 'bad'",
            "test.conf:5:1: template 'RSYSLOG_FileFormat' is defined more than once",
            "test.conf:6:62: template 't6' has more than one of option.sql, option.stdsql, option.json and option.jsonf (option.sql, option.json)",
            "test.conf:7:1: template 't7' of type \"subtree\" needs the 'subtree' parameter",
            "test.conf:8:32: parameter 'option.jsonftree' of template() is not supported by Sluice yet",
        }, Errors(
            "template(name=\"t1\" type=\"list\") { property(name=\"msg\" bogus=\"1\") }\n" +
            "template(name=\"t2\" type=\"string\")\n" +
            "template(name=\"t3\" string=\"x\")\n" +
            "template(name=\"t4\" type=\"string\" string=\"%bad%\")\n" +
            "template(name=\"RSYSLOG_FileFormat\" type=\"string\" string=\"x\")\n" +
            "template(name=\"t6\" type=\"string\" option.sql=\"on\" option.json=\"on\" string=\"x\")\n" +
            "template(name=\"t7\" type=\"subtree\")\n" +
            "template(name=\"t8\" type=\"list\" option.jsonftree=\"on\") { constant(value=\"x\") }\n" +
            // t4 failed: using it adds no second error
            "action(type=\"omfile\" file=\"/x\" template=\"t4\")\n"));
    }

    [Fact]
    public void Required_parameter()
    {
        Assert.Equal("test.conf:2:1: imtcp: parameter 'port' is required", Error("module(load=\"imtcp\")\ninput(type=\"imtcp\")"));
        Assert.Equal("test.conf:1:1: input(): parameter 'type' is required", Error("input(port=\"1\")"));
        Assert.Equal("test.conf:1:1: action(): parameter 'type' is required", Error("action(file=\"/x\")"));
        Assert.Equal("test.conf:1:1: module(): parameter 'load' is required", Error("module(MaxSessions=\"1\")"));
    }

    [Fact]
    public void Not_supported_parameters()
    {
        Assert.Equal("test.conf:1:21: parameter 'gnutlsPriorityString' of imtcp is not supported by Sluice yet",
            Error("module(load=\"imtcp\" gnutlsPriorityString=\"NORMAL\")"));
        Assert.Equal("test.conf:1:32: parameter 'action.writeAllMarkMessages' of action() is not supported by Sluice yet",
            Error("action(type=\"omfile\" file=\"/x\" action.writeAllMarkMessages=\"on\")"));
        Assert.Equal("test.conf:1:32: parameter 'queue.samplingInterval' of action() is not supported by Sluice yet",
            Error("action(type=\"omfile\" file=\"/x\" queue.samplingInterval=\"5\")"));
        Assert.Equal("test.conf:1:32: parameter 'dynaFile' of omfile is not supported by Sluice yet",
            Error("action(type=\"omfile\" file=\"/x\" dynaFile=\"tpl\")"));
    }

    [Fact]
    public void Action_queue_types_are_accepted_and_disk_needs_a_directory()
    {
        Build("action(type=\"omfile\" file=\"/x\" queue.type=\"direct\")");
        Build("action(type=\"omfile\" file=\"/x\" queue.type=\"LinkedList\")");
        var q = Build("global(workDirectory=\"/tmp\")\naction(type=\"omfile\" file=\"/x\" queue.type=\"Disk\" queue.filename=\"q\" " +
                      "queue.maxDiskSpace=\"10m\" queue.maxFileSize=\"64k\" queue.checkpointInterval=\"1\" queue.syncQueueFiles=\"on\")")
            .Actions[0].Settings.Queue;
        Assert.Equal(QueueType.Disk, q.Type);
        Assert.Equal("q", q.FileName);
        Assert.Equal(10L * 1024 * 1024, q.MaxDiskSpace);
        Assert.Equal(64L * 1024, q.MaxFileSize);
        Assert.Equal(1, q.CheckpointInterval);
        Assert.True(q.SyncQueueFiles);
        Assert.True(q.IsJournaled);
        // rsyslog: "file prefix (work directory?) is missing"
        Assert.Equal("test.conf:1:43: action(): queue.type \"Disk\" needs a directory for its files: file prefix (work directory?) is missing - set global(workDirectory=\"...\") or queue.spoolDirectory",
            Error("action(type=\"omfile\" file=\"/x\" queue.type=\"Disk\" queue.filename=\"q\")"));
        // Disk without a file name becomes LinkedList, as rsyslog does.
        Assert.Equal(QueueType.LinkedList, Build("global(workDirectory=\"/tmp\")\naction(type=\"omfile\" file=\"/x\" queue.type=\"Disk\")").Actions[0].Settings.Queue.Type);
        var da = Build("action(type=\"omfile\" file=\"/x\" queue.type=\"LinkedList\" queue.filename=\"fwd\" queue.spoolDirectory=\"/var/tmp/\")").Actions[0].Settings.Queue;
        Assert.True(da.IsDiskAssisted);
        Assert.False(da.IsJournaled);
        Assert.Equal("/var/tmp", da.SpoolDirectory);
        Assert.Equal(1024 * 1024, da.MaxFileSize); // rsyslog's action queue default
    }

    [Fact]
    public void Legacy_queue_directives_set_up_disk_queues()
    {
        var plan = Build("$WorkDirectory /tmp\n$MainMsgQueueFileName mainq\n$MainMsgQueueSaveOnShutdown off\n$MainMsgQueueMaxDiskSpace 1g\n" +
                         "$ActionQueueType LinkedList\n$ActionQueueFileName fwdq\n$ActionQueueCheckpointInterval 1\n$ActionQueueSyncQueueFiles on\n" +
                         "$ActionQueueMaxFileSize 4m\n*.* /var/log/x\n*.* /var/log/y\n");
        Assert.Equal("mainq", plan.MainQueue.FileName);
        Assert.False(plan.MainQueue.SaveOnShutdown);
        Assert.Equal(1L << 30, plan.MainQueue.MaxDiskSpace);
        Assert.True(plan.MainQueue.IsDiskAssisted);
        Assert.Equal(100000, plan.MainQueue.Size); // the legacy main queue defaults stay
        var q = plan.Actions[0].Settings.Queue;
        Assert.Equal("fwdq", q.FileName);
        Assert.True(q.IsJournaled);
        Assert.Equal(4L * 1024 * 1024, q.MaxFileSize);
        Assert.Null(plan.Actions[1].Settings.Queue.FileName); // reset after each action, as rsyslog does
        Assert.Equal(16L * 1024 * 1024, Build("main_queue(queue.filename=\"m\")").MainQueue.MaxFileSize);
    }

    [Fact]
    public void Value_errors_point_at_the_value()
    {
        Assert.Equal("test.conf:1:33: imtcp: parameter 'MaxSessions' must be an integer number, not \"many\"",
            Error("module(load=\"imtcp\" MaxSessions=\"many\")"));
        Assert.Equal("test.conf:1:35: imtcp: parameter 'workerThreads' must be between 1 and 16, not 64",
            Error("module(load=\"imtcp\" workerThreads=\"64\")"));
        Assert.Equal("test.conf:1:47: omfile: parameter 'fileCreateMode' must be a file mode of 4 or 5 octal digits starting with '0' (like \"0644\"), not \"644\"",
            Error("action(type=\"omfile\" file=\"/x\" fileCreateMode=\"644\")"));
    }

    [Fact]
    public void Duplicate_parameter()
    {
        Assert.Equal("test.conf:1:32: omfile: parameter 'FILE' is given more than once",
            Error("action(type=\"omfile\" file=\"/x\" FILE=\"/y\")"));
    }

    [Fact]
    public void Defaults_are_applied()
    {
        var plan = Build("action(type=\"omfile\" file=\"/x\")");
        var output = Assert.IsType<FakeOutput>(Assert.Single(plan.Actions).Output);
        Assert.Equal("RSYSLOG_FileFormat", output.Template.Name); // omfile's default template
        Assert.Equal(420L, output.ActionParams.GetLong("fileCreateMode")); // 0644
        Assert.False(output.ActionParams.GetBool("sync"));
        Assert.Equal(448L, output.ModuleParams.GetLong("dirCreateMode")); // module defaults without module(load=)
    }

    [Fact]
    public void Names_are_case_insensitive_and_sizes_use_rsyslog_units()
    {
        var plan = Build("ACTION(TYPE=\"omfile\" File=\"/x\" IOBUFFERSIZE=\"64k\")");
        var output = Assert.IsType<FakeOutput>(Assert.Single(plan.Actions).Output);
        Assert.Equal("/x", output.ActionParams.GetString("file"));
        Assert.Equal(65536L, output.ActionParams.GetLong("ioBufferSize"));
    }

    [Fact]
    public void Action_names_follow_rsyslog()
    {
        var plan = Build(
            "module(load=\"omrelp\")\n" +
            "action(type=\"omfile\" file=\"/a\")\n" +
            "action(type=\"omfile\" name=\"mine\" file=\"/b\")\n" +
            "action(type=\"omrelp\" file=\"/c\")\n" +
            "*.* /d\n");
        Assert.Equal(new[] { "action-0-builtin:omfile", "mine", "action-2-omrelp", "action-3-builtin:omfile" }, plan.Actions.Select(a => a.Name));
        Assert.Equal(new[] { 0, 1, 2, 3 }, plan.Actions.Select(a => a.Index));
        Assert.NotNull(_services.Stats.Find("mine"));
        Assert.NotNull(_services.Stats.Find("action-2-omrelp"));
    }

    [Fact]
    public void Loaded_output_module_is_required_unless_built_in()
    {
        Assert.Equal("test.conf:1:13: output module 'omrelp' is not loaded: add module(load=\"omrelp\") before this action()",
            Error("action(type=\"omrelp\" file=\"/x\")"));
    }

    [Fact]
    public void Input_needs_its_module_loaded_first()
    {
        // rsyslog reads in order: the module() after the input() is too late.
        var errors = Errors("input(type=\"imtcp\" port=\"514\" bogus=\"1\")\nmodule(load=\"imtcp\")");
        Assert.Equal(new[]
        {
            "test.conf:1:12: input module 'imtcp' is not loaded: add module(load=\"imtcp\") before this input()",
            "test.conf:1:31: imtcp: parameter 'bogus' is not known",
        }, errors);
    }

    [Fact]
    public void Module_loaded_twice()
    {
        Assert.Equal("test.conf:2:1: module 'imtcp' is already loaded (at test.conf:1:1); a module can be loaded only once",
            Error("module(load=\"imtcp\")\nmodule(load=\"imtcp\")"));
        Assert.Equal("test.conf:2:1: module 'imtcp' is already loaded (at test.conf:1:1); a module can be loaded only once",
            Error("$ModLoad imtcp\nmodule(load=\"imtcp\")"));
    }

    [Fact]
    public void Module_kinds_are_checked()
    {
        Assert.Equal("test.conf:1:12: 'omfile' is an output module; use it with action(type=\"omfile\")", Error("input(type=\"omfile\")"));
        Assert.Equal("test.conf:2:13: 'imtcp' is an input module; use it with input(type=\"imtcp\")",
            Error("module(load=\"imtcp\")\naction(type=\"imtcp\")"));
    }

    [Fact]
    public void Input_ruleset_must_exist()
    {
        Assert.Equal("test.conf:2:37: ruleset 'remote' does not exist",
            Error("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"1\" ruleset=\"remote\")"));
        Assert.Equal("test.conf:2:37: ruleset 'RSYSLOG_DefaultRulset' does not exist (did you mean 'RSYSLOG_DefaultRuleset'?)",
            Error("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"1\" ruleset=\"RSYSLOG_DefaultRulset\")"));
        Build("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"1\" ruleset=\"RSYSLOG_DefaultRuleset\")");
    }

    [Fact]
    public void Errors_from_module_factories_are_collected()
    {
        Assert.Equal("test.conf:2:25: imtcp: port 0 is not allowed", Error("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"0\")"));
    }

    [Fact]
    public void Main_queue_defaults_trap()
    {
        Assert.Equal(QueueSettings.LegacyMainQueue, Build("action(type=\"omfile\" file=\"/x\")").MainQueue);
        var legacy = Build("").MainQueue;
        Assert.Equal((100000, 2, 256), (legacy.Size, legacy.WorkerThreads, legacy.DequeueBatchSize));

        // Any main_queue(), even an empty one, switches to rsyslog's ruleset-queue defaults.
        var empty = Build("main_queue()").MainQueue;
        Assert.Equal(QueueSettings.RulesetQueue, empty);
        Assert.Equal((50000, 1, 1024, QueueType.FixedArray), (empty.Size, empty.WorkerThreads, empty.DequeueBatchSize, empty.Type));
    }

    [Fact]
    public void Main_queue_parameters()
    {
        var q = Build("main_queue(queue.type=\"LinkedList\" queue.size=\"100k\" queue.dequeueBatchSize=\"512\" queue.workerThreads=\"4\"\n" +
                      " queue.workerThreadMinimumMessages=\"1000\" queue.timeoutEnqueue=\"0\" queue.lightDelayMark=\"0\"\n" +
                      " queue.discardMark=\"90000\" queue.discardSeverity=\"5\" queue.highWatermark=\"80000\" queue.lowWatermark=\"10000\"\n" +
                      " queue.timeoutShutdown=\"200\" queue.timeoutActionCompletion=\"300\" queue.saveOnShutdown=\"off\")").MainQueue;
        Assert.Equal(QueueType.LinkedList, q.Type);
        Assert.Equal(102400, q.Size);
        Assert.Equal(512, q.DequeueBatchSize);
        Assert.Equal(4, q.WorkerThreads);
        Assert.Equal(1000, q.WorkerThreadMinimumMessages);
        Assert.Equal(0, q.TimeoutEnqueue);
        Assert.Equal(0, q.LightDelayMark);
        Assert.Equal(90000, q.DiscardMark);
        Assert.Equal(5, q.DiscardSeverity);
        Assert.Equal(80000, q.HighWatermark);
        Assert.Equal(10000, q.LowWatermark);
        Assert.Equal(200, q.TimeoutShutdown);
        Assert.Equal(300, q.TimeoutActionCompletion);
        Assert.False(q.SaveOnShutdown);
        Assert.Equal(QueueType.Direct, Build("main_queue(queue.type=\"Direct\")").MainQueue.Type);
    }

    [Fact]
    public void Main_queue_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:23: main_queue(): queue.type \"Disk\" needs a directory for its files: file prefix (work directory?) is missing - set global(workDirectory=\"...\") or queue.spoolDirectory",
            "test.conf:2:1: main_queue() can be given only once (the first one is at test.conf:1:1)",
        }, Errors("main_queue(queue.type=\"Disk\" queue.filename=\"mainq\")\nmain_queue()"));
        Assert.Equal("test.conf:1:34: main_queue(): parameter 'queue.discardSeverity' must be between 0 and 8, not 9",
            Error("main_queue(queue.discardSeverity=\"9\")"));
    }

    [Fact]
    public void Global_settings()
    {
        var plan = Build("global(maxMessageSize=\"64k\" workDirectory=\"/var/spool/sluice//\" localHostname=\"box1\" preserveFQDN=\"on\"\n" +
                         " net.enableDNS=\"off\" parser.permitSlashInProgramName=\"on\" parser.escapeControlCharactersOnReceive=\"off\"\n" +
                         " parser.escapeControlCharacterTab=\"off\" parser.controlCharacterEscapePrefix=\"^\"\n" +
                         " parser.escape8BitCharactersOnReceive=\"on\" parser.dropTrailingLFOnReception=\"off\")");
        var g = plan.Globals;
        Assert.Equal(65536, g.MaxMessageSize);
        Assert.Equal("/var/spool/sluice", g.WorkDirectory);
        Assert.Equal("box1", g.LocalHostName);
        Assert.True(g.PreserveFqdn);
        Assert.False(g.EnableDns);
        Assert.True(g.PermitSlashInProgramName);
        Assert.False(g.EscapeControlCharactersOnReceive);
        Assert.False(g.EscapeControlCharacterTab);
        Assert.Equal((byte)'^', g.ControlCharacterEscapePrefix);
        Assert.True(g.Escape8BitCharactersOnReceive);
        Assert.False(g.DropTrailingLFOnReception);
        Assert.Same(g, _services.Globals);
    }

    [Fact]
    public void Global_defaults_are_rsyslogs()
    {
        var g = Build("").Globals;
        Assert.Equal(new GlobalSettings(), g);
        Assert.Equal(8096, g.MaxMessageSize);
    }

    [Fact]
    public void Globals_are_set_before_any_input_is_created()
    {
        // rsyslog applies global() after reading the file; an input defined above it sees the final value.
        Build("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"1\")\nglobal(maxMessageSize=\"16k\")");
        Assert.Equal(16384, Assert.Single(_imtcp.Created).GlobalsAtCreation.MaxMessageSize);
    }

    [Fact]
    public void Global_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:23: global(): parameter 'maxMessageSize' must be at least 128, not 100",
            "test.conf:1:29: global(): parameter 'workdirectry' is not known (did you mean 'workDirectory'?)",
            "test.conf:1:53: global(): parameter 'umask' must be a file mode of 4 or 5 octal digits starting with '0' (like \"0644\"), not \"22\"",
            "test.conf:1:94: global(): parameter 'parser.controlCharacterEscapePrefix' must be exactly one character, not \"##\"",
        }, Errors("global(maxMessageSize=\"100\" workdirectry=\"/x\" umask=\"22\" parser.controlCharacterEscapePrefix=\"##\")"));
    }

    [Fact]
    public void Legacy_selector_becomes_a_filter_with_an_omfile_action()
    {
        var plan = Build("*.*;auth,authpriv.none -/var/log/syslog\nmail.info /var/log/mail.log;RSYSLOG_TraditionalFileFormat\n");
        Assert.Equal(2, plan.DefaultRuleset.Statements.Length);

        var first = Assert.IsType<FilterStatement>(plan.DefaultRuleset.Statements[0]);
        var filter = Assert.IsType<PriFilter>(first.Filter);
        Assert.Equal(0xFF, filter.GetMask(0));
        Assert.Equal(0, filter.GetMask(4)); // auth
        Assert.Equal(0, filter.GetMask(10)); // authpriv
        var action = Assert.IsType<ActionStatement>(Assert.Single(first.Then)).Action;
        Assert.Equal("action-0-builtin:omfile", action.Name);
        var output = Assert.IsType<FakeOutput>(action.Output);
        Assert.Equal("/var/log/syslog", output.ActionParams.GetString("file"));
        Assert.Equal(new SourceLocation("test.conf", 1, 25), output.ActionParams.LocationOf("file"));
        Assert.Equal("RSYSLOG_FileFormat", output.Template.Name);

        var second = Assert.IsType<FilterStatement>(plan.DefaultRuleset.Statements[1]);
        Assert.Equal(0x7F, ((PriFilter)second.Filter).GetMask(2));
        var mail = Assert.IsType<FakeOutput>(Assert.IsType<ActionStatement>(Assert.Single(second.Then)).Action.Output);
        Assert.Equal("/var/log/mail.log", mail.ActionParams.GetString("file"));
        Assert.Equal("RSYSLOG_TraditionalFileFormat", mail.Template.Name);
        Assert.Equal("RSYSLOG_TraditionalFileFormat", mail.ActionParams.GetString("template"));
    }

    [Fact]
    public void Selector_with_block_chained_actions_and_stop()
    {
        var plan = Build("mail.* {\n action(type=\"omfile\" file=\"/a\")\n /b\n}\n*.* /c\n& ~\nlocal0.* stop\n");
        var block = Assert.IsType<FilterStatement>(plan.DefaultRuleset.Statements[0]);
        Assert.Equal(2, block.Then.Length);
        Assert.All(block.Then, s => Assert.IsType<ActionStatement>(s));
        var chained = Assert.IsType<FilterStatement>(plan.DefaultRuleset.Statements[1]);
        Assert.IsType<ActionStatement>(chained.Then[0]);
        Assert.Same(StopStatement.Instance, chained.Then[1]);
        Assert.Same(StopStatement.Instance, Assert.Single(Assert.IsType<FilterStatement>(plan.DefaultRuleset.Statements[2]).Then));
        Assert.Equal(3, plan.Actions.Count);
    }

    [Fact]
    public void Legacy_action_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:5: forwarding over UDP ('@host' legacy action) is not supported yet",
            "test.conf:2:5: forwarding over TCP ('@@host' legacy action) is not supported yet",
            "test.conf:3:5: running a program ('^program' legacy action, omshell) is not supported yet",
            "test.conf:4:5: messages to users ('root' legacy action, omusrmsg) is not supported yet",
            "test.conf:5:12: template 'NoSuchTpl' is not defined",
            "test.conf:6:12: invalid character in selector line - ';template' expected",
            "test.conf:7:1: unknown facility name \"foo\"",
            "test.conf:8:5: writing to a named pipe ('|pipe' legacy action, ompipe) is not supported yet",
        }, Errors("*.* @host:514\n*.* @@host\n*.* ^/bin/true\n*.* root\n*.* /var/x;NoSuchTpl\n*.* /var/x y\nfoo.* /x\n*.* |/dev/xconsole\n"));
    }

    [Fact]
    public void Everything_not_built_yet_is_an_error_with_its_location()
    {
        Assert.Equal(new[]
        {
            "test.conf:2:1: BSD-style program selectors ('!sshd') are not supported yet",
            "test.conf:3:28: lookup table file '/x' could not be opened: No such file or directory",
            "test.conf:4:21: lookup table 't' not found",
        }, Errors(
            "$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat\n" +
            "!sshd\n" +
            "lookup_table(name=\"t\" file=\"/x\")\n" +
            "reload_lookup_table(\"t\")\n"));
    }

    [Fact]
    public void Statements_and_rulesets_bind()
    {
        var plan = Build(
            "if $msg contains 'x' then stop\n" +
            "ruleset(name=\"r\") { stop }\n" +
            "set $.a = 1;\n" +
            "call r\n" +
            ":msg, contains, \"x\" stop\n" +
            "$Ruleset remote\n" +
            "foreach ($.i in $!a) do stop\n" +
            "unset $.a;\n" +
            "continue\n" +
            "reset $.a = 2;\n" +
            "call_indirect \"x\";\n");
        Assert.Equal(4, plan.DefaultRuleset.Statements.Length);
        Assert.Equal(5, plan.Rulesets["remote"].Statements.Length);
        Assert.Single(plan.Rulesets["R"].Statements); // names compare case-insensitively, as in rsyslog
        Assert.Equal(3, plan.RulesetTable.All.Length);
    }

    [Fact]
    public void Errors_inside_statement_blocks_are_reported()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:41: template 'nope' is not defined",
        }, Errors("if 1 then action(type=\"omfile\" template=\"nope\" file=\"/x\")"));
    }

    [Fact]
    public void Global_directives_and_modload()
    {
        var plan = Build("$MaxMessageSize 32k\n$WorkDirectory /var/lib/x/\n$PreserveFQDN on\n$EscapeControlCharactersOnReceive off # comment\n" +
                         "$ControlCharacterEscapePrefix ^\n$EscapeControlCharacterTab off\n$DropTrailingLFOnReception off\n" +
                         "$Escape8BitCharactersOnReceive on\n$LocalHostName myhost\n$ModLoad imtcp\ninput(type=\"imtcp\" port=\"1\")\n");
        var g = plan.Globals;
        Assert.Equal(32768, g.MaxMessageSize);
        Assert.Equal("/var/lib/x", g.WorkDirectory);
        Assert.True(g.PreserveFqdn);
        Assert.False(g.EscapeControlCharactersOnReceive);
        Assert.Equal((byte)'^', g.ControlCharacterEscapePrefix);
        Assert.False(g.EscapeControlCharacterTab);
        Assert.False(g.DropTrailingLFOnReception);
        Assert.True(g.Escape8BitCharactersOnReceive);
        Assert.Equal("myhost", g.LocalHostName);
        Assert.Single(plan.Inputs);
    }

    [Fact]
    public void Directive_errors()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:17: directive '$MaxMessageSize' must be a size (digits with an optional k, m, g, t, p, e suffix for units of 1024 or K, M, G, T, P, E for 1000), not \"big\"",
            "test.conf:2:16: $ModLoad: unexpected text after the value: 'extra'",
            "test.conf:3:1: $WorkDirectory needs a value",
            "test.conf:4:10: module 'imfile' is not supported by Sluice yet",
        }, Errors("$MaxMessageSize big\n$ModLoad imudp extra\n$WorkDirectory\n$ModLoad imfile.so\n"));
    }

    [Fact]
    public void Unquoted_value_is_an_error_but_the_rest_is_still_checked()
    {
        Assert.Equal(new[]
        {
            "test.conf:2:25: the value of 'port' must be in double quotes: port=\"10514\"",
            "test.conf:2:31: imtcp: parameter 'adress' is not known (did you mean 'address'?)",
        }, Errors("module(load=\"imtcp\")\ninput(type=\"imtcp\" port=10514 adress=\"127.0.0.1\")"));
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_together_in_file_order()
    {
        Assert.Equal(new[]
        {
            "test.conf:1:21: imtcp: parameter 'MaxSesions' is not known (did you mean 'MaxSessions'?)",
            "test.conf:2:1: imtcp: parameter 'port' is required",
            "test.conf:3:41: template 'RSYSLOG_FileFormt' is not defined (did you mean 'RSYSLOG_FileFormat'?)",
            "test.conf:5:1: expected ')' to close the action( of line 4 before this line",
            "test.conf:6:5: forwarding over UDP ('@host' legacy action) is not supported yet",
        }, Errors(
            "module(load=\"imtcp\" MaxSesions=\"500\")\n" +
            "input(type=\"imtcp\" address=\"127.0.0.1\")\n" +
            "action(type=\"omfile\" file=\"/x\" template=\"RSYSLOG_FileFormt\")\n" +
            "action(type=\"omfile\" file=\"/y\"\n" + // ')' missing
            "if $msg contains \"x\" then stop\n" +
            "*.* @remote\n"));
    }

    [Fact]
    public void Created_inputs_and_outputs_are_disposed_when_binding_fails()
    {
        Assert.Throws<ConfigException>(() => Build(Sample + "module(load=\"nosuchmodule\")\n"));
        Assert.True(Assert.Single(_imtcp.Created).Disposed);
        Assert.True(Assert.Single(_omfile.Created).Disposed);
    }

    [Fact]
    public void Config_file_is_read_from_disk()
    {
        string path = Path.Combine(Path.GetTempPath(), "sluice-config-" + Guid.NewGuid().ToString("N") + ".conf");
        File.WriteAllText(path, Sample);
        try
        {
            var doc = ConfigLoader.LoadFile(path);
            Assert.Empty(doc.Errors);
            Assert.Equal(path, doc.FileName);
            Assert.Equal(3, doc.Items.Count);
        }
        finally
        {
            File.Delete(path);
        }
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));
        Assert.Contains("cannot read the configuration file", Assert.Single(e.Errors).Message);
    }
}
