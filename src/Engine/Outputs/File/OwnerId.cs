using Sluice.Engine.Config.Schema;
using Sluice.Native;

namespace Sluice.Engine.Outputs.File;

/// <summary>
/// fileOwner/fileOwnerNum and their group and directory siblings: a name (resolved once, at configuration time, as
/// rsyslog's eCmdHdlrUID/GID do) or a number. The action's value wins over module(load="builtin:omfile" …)'s; within
/// one scope the numeric form wins, as rsyslog applies its parameter table in that order.
/// </summary>
internal static class OwnerId
{
    public static int Resolve(ParamSet module, ParamSet action, string nameParam, string numParam, bool group)
    {
        if (action.IsSet(nameParam) || action.IsSet(numParam)) return FromScope(action, nameParam, numParam, group);
        return FromScope(module, nameParam, numParam, group);
    }

    private static int FromScope(ParamSet scope, string nameParam, string numParam, bool group)
    {
        if (scope.IsSet(numParam)) return scope.GetInt(numParam);
        if (!scope.IsSet(nameParam)) return Ownership.Unchanged;
        string name = scope.GetString(nameParam)!;
        var errno = group ? Ownership.LookupGroup(name, out int id) : Ownership.LookupUser(name, out id);
        if (errno == Errno.None) return id;
        // rsyslog: "parameter 'fileowner': ID for user 'x' could not be found", and it does not start.
        string what = group ? "group" : "user";
        string why = errno == Errno.ENOENT ? "" : $": {Ownership.Describe(errno)}";
        throw FileOutputModule.Error(scope, nameParam, $"parameter '{nameParam}': ID for {what} '{name}' could not be found{why}");
    }
}
