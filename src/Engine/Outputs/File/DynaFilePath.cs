namespace Sluice.Engine.Outputs.File;

public enum DynaFilePathProblem : byte
{
    None,
    Empty,
    /// <summary>A ".." component: the rendered name climbs out of the directory the template names.</summary>
    ParentComponent,
    /// <summary>A NUL byte: the C library would cut the name there.</summary>
    Nul,
}

/// <summary>
/// The check a rendered dynaFile path passes before it is opened. A path that renders empty or has a ".."
/// component is refused (the message is counted as failed by the action and the refusal logged).
/// <para>
/// rsyslogd 8.2302 (the reference installed here) has no such check: it opens "a/../b" as the kernel resolves it,
/// and an empty name fails with "file './.': open error: Is a directory" while the message counts as processed.
/// Current rsyslog blocks paths that lexically escape through ".." by default (dynafile.dangerousPermitPathEscape);
/// Sluice follows that, with the simpler rule of refusing every ".." component, which data from the network
/// should never need.
/// </para>
/// </summary>
public static class DynaFilePath
{
    public static DynaFilePathProblem Check(ReadOnlySpan<byte> path)
    {
        if (path.Length == 0) return DynaFilePathProblem.Empty;
        if (path.IndexOf((byte)0) >= 0) return DynaFilePathProblem.Nul;
        int start = 0;
        while (start <= path.Length)
        {
            int slash = path.Slice(start).IndexOf((byte)'/');
            int end = slash < 0 ? path.Length : start + slash;
            if (end - start == 2 && path[start] == (byte)'.' && path[start + 1] == (byte)'.') return DynaFilePathProblem.ParentComponent;
            if (slash < 0) break;
            start = end + 1;
        }
        return DynaFilePathProblem.None;
    }

    public static string Describe(DynaFilePathProblem problem) => problem switch
    {
        DynaFilePathProblem.Empty => "the file name is empty",
        DynaFilePathProblem.ParentComponent => "the file name has a '..' component",
        DynaFilePathProblem.Nul => "the file name has a NUL byte",
        _ => "",
    };
}
