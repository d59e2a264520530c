using System.Text;

namespace Sluice.Tests.Integration;

/// <summary>Judges collected markers: every (conn, seq) exactly once, optionally in send order per connection.</summary>
public static class Delivery
{
    /// <summary>Returns null when delivery is perfect, else a description of what went wrong.</summary>
    public static string? Problems(IReadOnlyList<(int Conn, long Seq)> markers, Func<int, IEnumerable<long>> expectedPerConn, int connections, bool requireOrder)
    {
        var seen = new Dictionary<(int, long), int>();
        var last = new Dictionary<int, long>();
        long outOfOrder = 0;
        string firstDisorder = "";
        foreach (var m in markers)
        {
            seen[m] = seen.TryGetValue(m, out int k) ? k + 1 : 1;
            if (last.TryGetValue(m.Conn, out long prev) && m.Seq <= prev)
            {
                if (outOfOrder++ == 0) firstDisorder = $" (first: conn {m.Conn} seq {m.Seq} after {prev})";
            }
            last[m.Conn] = m.Seq;
        }
        long missing = 0, duplicated = 0, expectedTotal = 0;
        string firstMissing = "";
        var expected = new HashSet<(int, long)>();
        for (int c = 0; c < connections; c++)
            foreach (long s in expectedPerConn(c))
            {
                expectedTotal++;
                expected.Add((c, s));
                if (!seen.TryGetValue((c, s), out int n)) { if (missing++ == 0) firstMissing = $" (first: conn {c} seq {s})"; }
                else if (n > 1) duplicated++;
            }
        long unexpected = 0;
        foreach (var key in seen.Keys) if (!expected.Contains(key)) unexpected++;

        var sb = new StringBuilder();
        if (missing > 0) sb.Append($"{missing} of {expectedTotal} messages missing{firstMissing}; ");
        if (duplicated > 0) sb.Append($"{duplicated} messages duplicated; ");
        if (unexpected > 0) sb.Append($"{unexpected} unexpected markers; ");
        if (requireOrder && outOfOrder > 0) sb.Append($"{outOfOrder} arrivals out of per-connection order{firstDisorder}; ");
        return sb.Length == 0 ? null : $"received {markers.Count} markers: " + sb.ToString();
    }

    public static IEnumerable<long> Range(long from, long count)
    {
        for (long i = from; i < from + count; i++) yield return i;
    }
}
