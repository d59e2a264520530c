using System.Text;
using Sluice.Tests.Integration;

namespace Sluice.Tests.Interop;

/// <summary>A varied set of real-world syslog shapes, each carrying the test marker in its text.</summary>
public static class InteropMessages
{
    public const int Shapes = 9;

    public static byte[] Build(string runId, long seq)
    {
        string m = TestMessages.Marker(runId, 0, seq);
        int pri = (int)(seq * 13 % 192);
        string line = (seq % Shapes) switch
        {
            0 => $"<{pri}>Nov 22 08:00:{seq % 60:00} web-01 sshd[{1000 + seq % 9000}]: Accepted publickey for deploy {m}",
            1 => $"<{pri}>Nov  2 18:04:05 db-1 myprogram: no pid in this tag {m} done",
            2 => $"<{pri}>Nov 22 08:00:01 edge héllo[42]: utf-8 text wörld ✓ {m} \"quoted\" [brackets] 100%",
            3 => $"<{pri}>1 2024-11-22T08:00:00.123456Z host-5424 app-name 4711 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] {m} with structured data",
            4 => $"<{pri}>1 2024-11-22T08:00:00Z host-5424 app - - - {m} nil procid msgid and sd",
            5 => $"<{pri}>1 2024-11-22T08:00:00+02:00 - - - - - {m} everything nil",
            6 => $"<{pri}>Nov 22 08:00:02 k8s-node a-rather-long-program-name-over-32-chars[77]: {m} long tag",
            7 => $"<{pri}>Nov 22 08:00:03 mail postfix/smtpd[2211]: connect from unknown[127.0.0.1] {m}",
            _ => $"<{pri}>Nov 22 08:00:04 host kernel: [  12.345678] {m} tab\there",
        };
        return Encoding.UTF8.GetBytes(line);
    }
}
