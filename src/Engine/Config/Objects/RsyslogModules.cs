namespace Sluice.Engine.Config.Objects;

/// <summary>
/// The module names rsyslog ships (core built-ins, plugins/ and contrib/), so that loading one Sluice does
/// not have yet says "not supported yet" rather than "unknown".
/// </summary>
public static class RsyslogModules
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        // inputs
        "im3195", "imbatchreport", "imbeats", "imczmq", "imdiag", "imdocker", "imdoor", "imdtls", "imfifo", "imfile",
        "imgssapi", "imhiredis", "imhttp", "imjournal", "imkafka", "imklog", "imkmsg", "immark", "impcap", "improg",
        "impstats", "imptcp", "imrelp", "imsolaris", "imtcp", "imtuxedo", "imudp", "imuxsock", "imzmq3", "imttcp",
        // outputs
        "omamqp1", "omazuredce", "omazureeventhubs", "omclickhouse", "omczmq", "omdiscard", "omdtls", "omelasticsearch",
        "omfile", "omfile-hardened", "omfwd", "omgssapi", "omhdfs", "omhiredis", "omhttp", "omhttpfs", "omjournal",
        "omkafka", "omkinesis", "omlibdbi", "ommail", "ommongodb", "ommysql", "omoracle", "omotel", "omotlp",
        "ompgsql", "ompipe", "omprog", "omrabbitmq", "omrelp", "omsendertrack", "omsentinel", "omshell", "omsnmp",
        "omstdout", "omtcl", "omtesting", "omudpspoof", "omusrmsg", "omuxsock", "omzmq3", "omawslogshlc",
        "omdbalerting", "omdtn",
        // message modification
        "mmaitag", "mmanon", "mmaudit", "mmcount", "mmdarwin", "mmdblookup", "mmexternal", "mmfields", "mmgrok",
        "mmjsonparse", "mmjsontransform", "mmkubernetes", "mmkv", "mmleefparse", "mmnormalize", "mmpstrucdata",
        "mmrfc5424addhmac", "mmrm1stspace", "mmsequence", "mmsnareparse", "mmsnarewinsec", "mmsnmptrapd",
        "mmtaghostname", "mmutf8fix",
        // parsers, string generators, functions, libraries
        "pmrfc3164", "pmrfc5424", "pmaixforwardedfrom", "pmciscoios", "pmcisconames", "pmdb2diag", "pmlastmsg",
        "pmnormalize", "pmnull", "pmpanngfw", "pmrfc3164sd", "pmsnare", "smfile", "smfwd", "smtradfile", "smtradfwd",
        "fmhash", "fmhttp", "fmpcre", "fmunflatten", "lmnet", "lmnetstrms", "lmnsd_ptcp", "lmnsd_gtls",
        "lmnsd_ossl", "lmregexp", "lmtcpclt", "lmtcpsrv", "lmzlibw", "lmzstdw", "lmcry_gcry", "lmsig_ksi_ls12",
    };

    public static bool IsKnown(string name) => Names.Contains(StripBuiltIn(name));

    public static IEnumerable<string> All => Names;

    /// <summary>"builtin:omfile" → "omfile"; also "imtcp.so" → "imtcp" and "/path/imtcp.so" → "imtcp".</summary>
    public static string StripBuiltIn(string name)
    {
        if (name.StartsWith("builtin:", StringComparison.OrdinalIgnoreCase)) name = name["builtin:".Length..];
        int slash = name.LastIndexOf('/');
        if (slash >= 0) name = name[(slash + 1)..];
        if (name.EndsWith(".so", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return name;
    }
}
