using Sluice.Engine.Config;
using Sluice.Engine.Config.Schema;
using Sluice.Engine.Modules;
using Sluice.Engine.Runtime;

namespace Sluice.Engine.Modifiers;

/// <summary>mmutf8fix (rsyslog's plugins/mmutf8fix): mode="utf-8"|"controlcharacters", replacementChar (default space).</summary>
public sealed class Utf8FixModule : MessageModifierModuleDefinition
{
    public override string Name => "mmutf8fix";

    public override ParamSchema InstanceParams { get; } = new(new[]
    {
        new ParamDef("mode", ParamType.String) { Default = "utf-8" },
        new ParamDef("replacementChar", ParamType.String) { Default = " " },
    });

    public override MessageModifier CreateModifier(ParamSet moduleParams, ParamSet actionParams, EngineServices services)
    {
        // rsyslog compares the mode case-sensitively and logs "invalid mode '%s' - ignored"; Sluice refuses it.
        string mode = actionParams.GetString("mode")!;
        var parsed = mode switch
        {
            "utf-8" => Utf8FixMode.Utf8,
            "controlcharacters" => Utf8FixMode.ControlCharacters,
            _ => throw new ConfigException(actionParams.LocationOf("mode"),
                $"mmutf8fix: invalid mode '{mode}' (valid: \"utf-8\", \"controlcharacters\")"),
        };
        // rsyslog's eCmdHdlrGetChar: exactly one byte.
        string replacement = actionParams.GetString("replacementChar")!;
        int length = System.Text.Encoding.UTF8.GetByteCount(replacement);
        if (length != 1)
            throw new ConfigException(actionParams.LocationOf("replacementChar"),
                $"parameter 'replacementchar' must contain exactly one character but contains {length} - cannot be processed");
        return new Utf8Fixer(parsed, (byte)replacement[0]);
    }
}
