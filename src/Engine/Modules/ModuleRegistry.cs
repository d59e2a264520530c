using Sluice.Engine.Config.Schema;

namespace Sluice.Engine.Modules;

/// <summary>The modules compiled into this binary, by rsyslog name (case-insensitive, "builtin:" prefix allowed).</summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, ModuleDefinition> _modules = new(StringComparer.OrdinalIgnoreCase);

    public void Register(ModuleDefinition module) => _modules.Add(module.Name, module);

    public ModuleDefinition? Find(string name)
    {
        if (name.StartsWith("builtin:", StringComparison.OrdinalIgnoreCase)) name = name["builtin:".Length..];
        return _modules.TryGetValue(name, out var m) ? m : null;
    }

    public IEnumerable<ModuleDefinition> All => _modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal);

    public string? Closest(string name) => NameSuggester.Closest(name, _modules.Keys);
}
