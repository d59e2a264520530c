using System.Text;

namespace Sluice.LoadGen;

/// <summary>
/// A fixed set of realistic syslog lines (RFC 3164 and RFC 5424, about 80–300 bytes each), split around the
/// place where the per-message marker goes. Built once, deterministically from a seed, before any send.
/// </summary>
internal sealed class Corpus
{
    public readonly record struct Entry(byte[] Head, byte[] Tail);

    public enum Format { Rfc3164, Rfc5424, Mixed }

    private readonly Entry[] _entries;

    /// <param name="hosts">
    /// 0: the hostnames of a small site. N: entry i is sent by "host-&lt;i mod N&gt;", so that a dynaFile layout keyed on
    /// the hostname gets N distinct files (the corpus must have at least N entries).
    /// </param>
    public Corpus(Format format, int size, int seed, int hosts = 0)
    {
        var rng = new Random(seed);
        _entries = new Entry[size];
        for (int i = 0; i < size; i++)
        {
            bool rfc5424 = format == Format.Rfc5424 || (format == Format.Mixed && (i & 1) == 1);
            _entries[i] = Build(rng, rfc5424, hosts > 0 ? $"host-{i % hosts:D4}" : null);
        }
    }

    public int Count => _entries.Length;
    public Entry this[int i] => _entries[i];

    private static readonly string[] Hosts = ["web-01", "web-02", "db-primary", "db-replica-3", "edge-lb", "mail", "k8s-node-17", "build.example.net"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Users = ["deploy", "root", "alice", "backup", "postgres", "www-data"];
    private static readonly string[] Words =
        ["request", "completed", "upstream", "latency", "bytes", "client", "session", "cache", "miss", "retry",
         "worker", "queue", "flush", "status", "ok", "pending", "timeout", "region", "shard", "replica", "token"];

    // (tag or app-name, has pid, text generator index)
    private static readonly (string App, bool Pid)[] Apps =
        [("sshd", true), ("CRON", true), ("kernel", false), ("systemd", true), ("nginx", true),
         ("postfix/smtpd", true), ("sudo", false), ("dhclient", true), ("postgres", true), ("app-api", true)];

    private static Entry Build(Random rng, bool rfc5424, string? hostOverride)
    {
        var (app, hasPid) = Apps[rng.Next(Apps.Length)];
        string host = Hosts[rng.Next(Hosts.Length)];
        host = hostOverride ?? host; // drawn anyway, so the rest of the corpus stays the same
        int pid = rng.Next(100, 65000);
        int facility = rng.Next(0, 24), severity = rng.Next(0, 8);
        int pri = facility * 8 + severity;
        string header;
        if (rfc5424)
        {
            var ts = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(rng.Next(0, 365 * 86400)).AddTicks(rng.Next(0, 10_000_000));
            string procId = hasPid ? pid.ToString() : "-";
            string msgId = rng.Next(3) switch { 0 => "-", 1 => "ID" + rng.Next(1, 99), _ => "AUDIT" };
            string sd = rng.Next(3) switch
            {
                0 => "-",
                1 => $"[origin@32473 ip=\"127.0.0.{rng.Next(1, 254)}\" software=\"{app}\"]",
                _ => $"[meta@32473 sequenceId=\"{rng.Next(1, 1_000_000)}\"][timeQuality tzKnown=\"1\" isSynced=\"1\"]",
            };
            header = $"<{pri}>1 {ts:yyyy-MM-ddTHH:mm:ss.ffffff}Z {host} {app.Replace('/', '-')} {procId} {msgId} {sd} ";
        }
        else
        {
            string ts = $"{Months[rng.Next(12)]} {rng.Next(1, 29),2} {rng.Next(24):00}:{rng.Next(60):00}:{rng.Next(60):00}";
            string tag = hasPid ? $"{app}[{pid}]:" : $"{app}:";
            header = $"<{pri}>{ts} {host} {tag} ";
        }

        string text = Text(rng, app);
        // Total target length 80..300 bytes, including a marker of about 24 bytes.
        int target = rng.Next(80, 301);
        var tail = new StringBuilder(" ");
        int have = header.Length + text.Length + 24 + 1;
        while (have + tail.Length < target)
        {
            tail.Append(Words[rng.Next(Words.Length)]).Append('=').Append(rng.Next(0, 100000)).Append(' ');
        }
        if (tail.Length > 1 && have + tail.Length > target) tail.Length = Math.Max(1, target - have);
        string tailText = tail.ToString().TrimEnd();
        return new Entry(Encoding.ASCII.GetBytes(header + text + " "), Encoding.ASCII.GetBytes(tailText));
    }

    private static string Text(Random rng, string app)
    {
        string ip = $"127.0.{rng.Next(0, 255)}.{rng.Next(1, 254)}";
        string user = Users[rng.Next(Users.Length)];
        return app switch
        {
            "sshd" => $"Accepted publickey for {user} from {ip} port {rng.Next(1024, 65535)} ssh2: ED25519 SHA256:{Convert.ToBase64String(BitConverter.GetBytes(rng.NextInt64()))}",
            "CRON" => $"({user}) CMD (/usr/local/bin/rotate --keep {rng.Next(1, 30)} >/dev/null 2>&1)",
            "kernel" => $"[{rng.Next(0, 99999)}.{rng.Next(0, 999999):000000}] eth0: link up, 1000Mbps, full-duplex, lpa 0x{rng.Next(0, 0xffff):X4}",
            "systemd" => $"Started Session {rng.Next(1, 9999)} of User {user}.",
            "nginx" => $"{ip} - - \"GET /api/v2/items/{rng.Next(1, 999999)}?page={rng.Next(1, 50)} HTTP/1.1\" {(rng.Next(10) == 0 ? 404 : 200)} {rng.Next(100, 90000)} \"-\" \"curl/8.5.0\"",
            "postfix/smtpd" => $"connect from unknown[{ip}]",
            "sudo" => $"{user} : TTY=pts/{rng.Next(0, 9)} ; PWD=/home/{user} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
            "dhclient" => $"DHCPACK of {ip} from 127.0.0.1 (xid=0x{rng.Next():x8})",
            "postgres" => $"LOG:  duration: {rng.Next(0, 5000)}.{rng.Next(0, 999):000} ms  statement: SELECT id, name FROM accounts WHERE id = {rng.Next(1, 1_000_000)}",
            _ => $"level=info msg=\"handled request\" method=POST path=/v1/orders status={(rng.Next(20) == 0 ? 500 : 201)} duration_ms={rng.Next(1, 900)}",
        };
    }
}
