using System.Text;
using Sluice.Engine.Diagnostics;
using Sluice.Engine.Messages;
using Sluice.Engine.Outputs;
using Sluice.Engine.Templates;
using Sluice.Native;

namespace Sluice.Engine.Actions;

/// <summary>
/// action.errorfile: every message the action finally could not deliver, as one JSON object per line, exactly as
/// rsyslog 8.2302 writes it: <c>{ "action": "name", "status": -2007, "template0": "rendered" }</c> (json-c's
/// spaced format; status is rsyslog's return code). Opened on first use with O_APPEND and mode 0660 (less the
/// umask). With action.errorfile.maxsize the file grows no further than that many bytes: the line that would
/// cross it is cut there, its last byte replaced by the newline, as rsyslog does. Cold path.
/// </summary>
internal sealed class ErrorFileWriter
{
    private const uint Mode0660 = 432;

    private readonly string _path;
    private readonly long _maxSize;
    private readonly string _actionName;
    private readonly Template? _template;
    private readonly IInternalLog _log;
    private readonly object _lock = new();
    private readonly ByteBuffer _rendered = new(1024);
    private readonly ByteBuffer _line = new(1024);
    private int _fd = -1;
    private long _size;

    public ErrorFileWriter(string path, long maxSize, string actionName, Template? template, IInternalLog log)
    {
        _path = path;
        _maxSize = maxSize;
        _actionName = actionName;
        _template = template;
        _log = log;
    }

    public string Path => _path;

    public void Write(ActionStatus status, ReadOnlySpan<Message> messages, in RenderContext context)
    {
        lock (_lock)
        {
            if (_fd < 0 && !Open()) return;
            foreach (var m in messages)
            {
                BuildLine(status, m, context);
                int toWrite = _line.Length;
                if (_maxSize > 0)
                {
                    long room = Math.Max(0, _maxSize - _size);
                    if (toWrite > room) toWrite = (int)room;
                    _size += toWrite;
                }
                if (toWrite == 0) continue;
                _line.RawArray[toWrite - 1] = (byte)'\n';
                var e = Files.WriteAll(_fd, _line.WrittenSpan[..toWrite], out int written);
                if (e != Errno.None)
                    _log.Error($"action {_actionName}: error writing errorFile {_path}, write returned {(written > 0 ? written : -1)}: {NativeException.Describe(e)}");
            }
        }
    }

    /// <summary>Closes the file (shutdown); the next write opens it again.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_fd >= 0) Files.Close(_fd);
            _fd = -1;
        }
    }

    private bool Open()
    {
        var e = Files.OpenForAppend(_path, Mode0660, out int fd);
        if (e != Errno.None)
        {
            _log.Error($"action {_actionName}: error opening error file {_path}: {NativeException.Describe(e)}");
            return false;
        }
        _fd = fd;
        if (_maxSize > 0)
        {
            try { _size = new FileInfo(_path).Length; }
            catch (IOException) { _size = 0; }
        }
        return true;
    }

    private void BuildLine(ActionStatus status, Message m, in RenderContext context)
    {
        _line.Clear();
        _line.Append("{ \"action\": "u8);
        JsonCEscaper.AppendQuoted(_line, Encoding.UTF8.GetBytes(_actionName));
        _line.Append(", \"status\": "u8);
        _line.Append(Encoding.ASCII.GetBytes(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (_template is not null)
        {
            _rendered.Clear();
            _template.Render(m, _rendered, context);
            _line.Append(", \"template0\": "u8);
            JsonCEscaper.AppendQuoted(_line, _rendered.WrittenSpan);
        }
        // The trailing byte becomes the newline (rsyslog writes strlen + 1 and puts LF on the NUL).
        _line.Append(" }\0"u8);
    }
}
