namespace Sluice.Engine.Config.Legacy;

/// <summary>
/// The $-directives rsyslog 8.2302 knows (its core, the built-in modules and the modules shipped in Debian's
/// rsyslog packages), lower-cased. A directive in this list that Sluice does not handle is "not supported yet";
/// one outside it gets rsyslog's "invalid or yet-unknown config file command" with the closest name.
/// </summary>
public static class LegacyDirectiveNames
{
    public static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        // core (runtime/rsconf.c, glbl.c, tools/rsyslogd.c, action.c, ruleset.c, conf.c)
        "abortonuncleanconfig", "actionfiledefaulttemplate", "actionforwarddefaulttemplate", "actionname",
        "actionresumeinterval", "actionresumeretrycount", "actionexeconlywhenpreviousissuspended",
        "actionexeconlyeverynthtime", "actionexeconlyeverynthtimetimeout", "actionexeconlyonceeveryinterval",
        "actionwriteallmarkmessages", "allowedsender", "controlcharacterescapeprefix", "debugprintcfsyslinehandlerlist",
        "debugprintmodulelist", "debugprinttemplatelist", "defaultnetstreamdriver", "defaultnetstreamdrivercafile",
        "defaultnetstreamdrivercertfile", "defaultnetstreamdriverkeyfile", "defaultruleset", "droptrailinglfonreception",
        "dropmsgswithmaliciousdnsptrrecords", "errormessagestostderr", "escape8bitcharactersonreceive",
        "escapecontrolcharactersonreceive", "escapecontrolcharactertab", "generateconfiggraph", "hupisrestart",
        "includeconfig", "localhostipif", "localhostname", "logrsyslogstatusmessages", "mainmsgqueuefilename",
        "maxmessagesize", "maxopenfiles", "moddir", "modload", "optimizeforuniprocessor", "outchannel",
        "preservefqdn", "privdroptogroup", "privdroptogroupid", "privdroptouser", "privdroptouserid",
        "repeatedmsgcontainsoriginalmsg", "repeatedmsgreduction", "resetconfigvariables", "ruleset",
        "rulesetcreatemainqueue", "rulesetparser", "spacelfonreceive", "template", "umask", "workdirectory",
        "sleep", "abortonidresolutionfail", "netstreamdrivercaextrafiles", "environment",
        // omfile
        "dynafilecachesize", "omfileziplevel", "omfileflushinterval", "omfileasyncwriting", "omfileflushontxend",
        "omfileiobuffersize", "dirowner", "dirownernum", "dirgroup", "dirgroupnum", "fileowner", "fileownernum",
        "filegroup", "filegroupnum", "dircreatemode", "filecreatemode", "createdirs", "failonchownfailure",
        "omfileforcechown", "actionfileenablesync",
        // omfwd
        "actionsendtcprebindinterval", "actionsendudprebindinterval", "actionsendstreamdriver",
        "actionsendstreamdrivermode", "actionsendstreamdriverauthmode", "actionsendstreamdriverpermittedpeer",
        "actionsendresendlastmsgonreconnect",
        // imtcp
        "inputtcpserverrun", "inputtcpserverinputname", "inputtcpserverbindruleset", "inputtcpmaxsessions",
        "inputtcpmaxlisteners", "inputtcpservernotifyonconnectionclose", "inputtcpserveraddtlframedelimiter",
        "inputtcpserverdisablelfdelimiter", "inputtcpflowcontrol", "inputtcpserverkeepalive",
        "inputtcpserverkeepalive_probes", "inputtcpserverkeepalive_intvl", "inputtcpserverkeepalive_time",
        "inputtcpserversupportoctetcountedframing", "inputtcpserverstreamdrivermode",
        "inputtcpserverstreamdriverauthmode", "inputtcpserverstreamdriverpermittedpeer", "inputtcpserverlistenportfile", "inputtcpserverpreservecase",
        // imudp
        "udpserverrun", "udpserveraddress", "udpservertimerequery", "inputudpserverbindruleset",
        "imudpschedulingpolicy", "imudpschedulingpriority",
        // imuxsock, imklog, immark, imfile, imrelp, omrelp, ommail, omprog, ompipe, omusrmsg, imdiag …
        "omitlocallogging", "systemlogsocketname", "systemlogflowcontrol", "systemlogusepidfromsystem",
        "systemlogratelimitinterval", "systemlogratelimitburst", "systemlogratelimitseverity", "systemlogsocketignoremsgtimestamp",
        "systemlogusesysstamp", "systemlogparsetrusted", "systemlogsocketannotate", "systemlogsocketflowcontrol",
        "addunixlistensocket", "inputunixlistensocketignoremsgtimestamp", "inputunixlistensockethostname",
        "inputunixlistensocketusepidfromsystem", "inputunixlistensocketflowcontrol", "inputunixlistensocketcreatepath",
        "inputunixlistensocketannotate", "imuxsockratelimitinterval", "imuxsockratelimitburst", "imuxsockratelimitseverity",
        "klogpath", "klogsymbollookup", "klogusesyscallinterface", "klogpermitnonkernelfacility",
        "klogconsoleloglevel", "klogkeepkerneltimestamp", "klogparsekerneltimestamp", "debugprintkernelsymbols",
        "markmessageperiod",
        "inputfilename", "inputfiletag", "inputfilestatefile", "inputfilefacility", "inputfileseverity",
        "inputfilepollinterval", "inputfilereadmode", "inputfilemaxlinesatonce", "inputfilemaxsubmitatonce",
        "inputfilebindruleset", "inputfilepersiststateinterval", "inputrunfilemonitor",
        "inputrelpserverrun", "inputrelpserverbindruleset",
        "actionmailsmtpserver", "actionmailsmtpport", "actionmailfrom", "actionmailto", "actionmailsubject",
        "actionmailenablebody", "actionomprogbinary", "actionomprogusetransactions",
    };

    /// <summary>Whether rsyslog knows the directive (the queue families by their prefixes).</summary>
    public static bool IsKnown(string name) => Known.Contains(name)
        || name.StartsWith("actionqueue", StringComparison.OrdinalIgnoreCase);
}
