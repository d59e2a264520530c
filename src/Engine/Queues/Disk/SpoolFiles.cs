using System.Globalization;
using Sluice.Native;

namespace Sluice.Engine.Queues.Disk;

/// <summary>
/// The names a queue uses in its spool directory: segments <c>&lt;name&gt;.NNNNNNNN</c> (at least 8 digits, as
/// rsyslog's genFileName), the state <c>&lt;name&gt;.qi</c> and its temporary <c>&lt;name&gt;.qi.tmp</c>, and the
/// names damaged data is kept under (<c>&lt;file&gt;.corrupt-&lt;UTC time&gt;</c>, <c>&lt;file&gt;.cut-&lt;UTC time&gt;</c>).
/// </summary>
internal sealed class SpoolFiles
{
    public SpoolFiles(string directory, string fileName)
    {
        Directory = directory;
        Prefix = fileName + ".";
        StatePath = Path.Combine(directory, fileName + ".qi");
        StateTempPath = StatePath + ".tmp";
    }

    public string Directory { get; }
    public string Prefix { get; }
    public string StatePath { get; }
    public string StateTempPath { get; }

    public string SegmentPath(long number) => Path.Combine(Directory, Prefix + number.ToString("D8", CultureInfo.InvariantCulture));

    /// <summary>Where a segment is rebuilt before it replaces the damaged one.</summary>
    public static string RewritePath(string segmentPath) => segmentPath + ".rewrite";

    /// <summary>The segment number in a file name of this queue, or -1 for any other file.</summary>
    public long ParseSegmentNumber(string fileName)
    {
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal)) return -1;
        var digits = fileName.AsSpan(Prefix.Length);
        if (digits.Length < 8 || digits.Length > 18) return -1;
        foreach (char c in digits)
            if (c < '0' || c > '9') return -1;
        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A name next to <paramref name="path"/> that does not exist yet: <c>path.&lt;tag&gt;-yyyyMMddTHHmmssZ</c>, with
    /// a counter when that is taken too.
    /// </summary>
    public static string AsideName(string path, string tag)
    {
        string stem = $"{path}.{tag}-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        string candidate = stem;
        for (int i = 1; i < 1000 && (File.Exists(candidate) || System.IO.Directory.Exists(candidate)); i++) candidate = $"{stem}.{i}";
        return candidate;
    }

    /// <summary>
    /// Moves a file aside without ever replacing another file: link(2) to the new name (fails if it exists), then
    /// unlink the old name. Returns the new name, or null with the errno.
    /// </summary>
    public static string? MoveAside(string path, string tag, out Errno errno)
    {
        string target = AsideName(path, tag);
        errno = MappedFiles.Link(path, target);
        if (errno != Errno.None) return null;
        errno = MappedFiles.Unlink(path);
        if (errno == Errno.None) return target;
        MappedFiles.Unlink(target);
        return null;
    }
}
