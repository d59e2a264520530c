using Sluice.Engine.Messages;
using Sluice.Engine.Templates;
using Sluice.Native;

namespace Sluice.Engine.Outputs.UserMessage;

/// <summary>
/// A worker's batch for one omusrmsg action: messages are rendered on <see cref="Add"/>; <see cref="Commit"/> walks
/// utmp once for the batch and writes the messages, in order, to every matching terminal.
/// </summary>
internal sealed class UserMessageTransaction : OutputTransaction
{
    private const int DevPrefixLength = 5; // "/dev/"
    private readonly UserMessageOutput _output;
    private readonly UtmpReader _utmp;
    private readonly ByteBuffer _rendered = new(1024);
    private readonly List<int> _ends = new();

    public UserMessageTransaction(UserMessageOutput output)
    {
        _output = output;
        _utmp = new UtmpReader(output.UtmpPath);
    }

    public override ActionResult Add(Message message, in RenderContext context)
    {
        _output.Template.Render(message, _rendered, context);
        _ends.Add(_rendered.Length);
        return ActionResult.Ok;
    }

    public override ActionResult Commit()
    {
        if (_ends.Count == 0) return ActionResult.Ok;
        if (_utmp.Open(out _))
        {
            while (_utmp.Next(out var entry))
            {
                if (!entry.IsLoggedInUser || !_output.Recipients.Includes(entry.User)) continue;
                WriteToTerminal(entry.Line);
            }
            _utmp.Close();
        }
        Discard();
        return ActionResult.Ok;
    }

    public override void Discard()
    {
        _rendered.Clear();
        _ends.Clear();
    }

    /// <summary>
    /// rsyslog opens the tty O_NONBLOCK and writes once; here each message is written whole unless the terminal
    /// would block (a user pressed Ctrl-S, nobody reads a pty), and then the rest of the batch is dropped for that
    /// terminal only. Nothing waits, so one stuck terminal cannot stall the action.
    /// </summary>
    private void WriteToTerminal(ReadOnlySpan<byte> line)
    {
        Span<byte> path = stackalloc byte[DevPrefixLength + UtmpEntry.FieldSize + 1];
        "/dev/"u8.CopyTo(path);
        line.CopyTo(path[DevPrefixLength..]);
        path[DevPrefixLength + line.Length] = 0;
        if (Terminals.OpenTerminal(path, out int fd) != Errno.None) return;
        if (Terminals.IsOwnerWritable(fd))
        {
            var data = _rendered.WrittenSpan;
            int start = 0;
            foreach (int end in _ends)
            {
                if (Files.WriteAll(fd, data[start..end], out _) != Errno.None) break;
                start = end;
            }
        }
        Files.Close(fd);
    }
}
