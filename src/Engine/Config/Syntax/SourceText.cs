namespace Sluice.Engine.Config.Syntax;

/// <summary>
/// A config file as the lexer sees it, after rsyslog's line preprocessing (rainerscript.c readConfFile):
/// trailing white space is cut from every line (so CRLF files work), a line ending in '\' continues on
/// the next one (whose leading white space is dropped), and every logical line ends in LF. rsyslog then
/// inserts PreprocFileLineNumber() markers to keep line numbers right; Sluice instead keeps a map from
/// every preprocessed character back to its original line and column, so locations stay exact.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lines;
    private readonly int[] _columns;

    private SourceText(string fileName, string text, int[] lines, int[] columns)
    {
        FileName = fileName;
        Text = text;
        _lines = lines;
        _columns = columns;
    }

    public string FileName { get; }

    /// <summary>The preprocessed text.</summary>
    public string Text { get; }

    /// <summary>Where the preprocessed character at <paramref name="position"/> was in the file.</summary>
    public SourceLocation LocationOf(int position)
    {
        int p = Math.Clamp(position, 0, _lines.Length - 1);
        return new SourceLocation(FileName, _lines[p], _columns[p]);
    }

    public static SourceText From(string fileName, string raw)
    {
        var text = new System.Text.StringBuilder(raw.Length + 16);
        var lines = new List<int>(raw.Length + 16);
        var columns = new List<int>(raw.Length + 16);
        bool continuation = false;
        int lineNumber = 0;
        int lineStart = 0;
        int lastLine = 1, lastColumn = 1;
        while (lineStart < raw.Length)
        {
            lineNumber++;
            int newline = raw.IndexOf('\n', lineStart);
            // Like fgets(): the line includes its LF (the last line may have none).
            int length = (newline < 0 ? raw.Length : newline + 1) - lineStart;
            int start = 0;
            if (continuation)
                while (start < length && IsSpace(raw[lineStart + start])) start++;
            int i = length - 1;
            while (i >= start && IsSpace(raw[lineStart + i])) i--;
            // i < 0 only for a blank line outside a continuation: nothing to add.
            if (i >= 0)
            {
                if (raw[lineStart + i] == '\\')
                {
                    i--;
                    continuation = true;
                }
                else
                {
                    continuation = false;
                }
                for (int k = start; k <= i; k++)
                {
                    text.Append(raw[lineStart + k]);
                    lines.Add(lineNumber);
                    columns.Add(k + 1);
                }
            }
            lastLine = lineNumber;
            lastColumn = (newline < 0 ? length : length - 1) + 1;
            if (!continuation)
            {
                text.Append('\n');
                lines.Add(lineNumber);
                columns.Add(lastColumn);
            }
            lineStart += length;
        }
        // One extra entry so that end-of-file has a location too.
        lines.Add(continuation ? lastLine : lastLine + 1);
        columns.Add(continuation ? lastColumn : 1);
        return new SourceText(fileName, text.ToString(), lines.ToArray(), columns.ToArray());
    }

    /// <summary>C isspace() in the "C" locale.</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
