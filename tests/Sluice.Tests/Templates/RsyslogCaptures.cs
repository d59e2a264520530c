namespace Sluice.Tests.Templates;

/// <summary>
/// Output of the real rsyslogd 8.2302 for SampleMessages.Line1..Line7 received over imtcp, one entry per line,
/// captured with action(type="omfile" template=…) for each template (generated, do not edit by hand).
/// </summary>
internal static class RsyslogCaptures
{
    public const string PropsTemplate = "msg=[%msg%] raw=[%rawmsg%] rap=[%rawmsg-after-pri%] host=[%hostname%] src=[%source%] tag=[%syslogtag%] prog=[%programname%] pri=[%pri%] pt=[%pri-text%] iut=[%iut%] f=[%syslogfacility%] ft=[%syslogfacility-text%] s=[%syslogseverity%] st=[%syslogseverity-text%] sp=[%syslogpriority%] spt=[%syslogpriority-text%] pv=[%protocol-version%] sd=[%structured-data%] app=[%app-name%] pid=[%procid%] mid=[%msgid%] in=[%inputname%]\n";

    public const string DatesTemplate = "ts=[%timestamp%] 3339=[%timereported:::date-rfc3339%] 3164=[%timereported:::date-rfc3164%] my=[%timestamp:::date-mysql%] pg=[%timestamp:::date-pgsql%] unix=[%timestamp:::date-unixtimestamp%] sub=[%timestamp:::date-subseconds%] y=[%timestamp:::date-year%] mo=[%timestamp:::date-month%] d=[%timestamp:::date-day%] h=[%timestamp:::date-hour%] mi=[%timestamp:::date-minute%] s=[%timestamp:::date-second%] tzh=[%timestamp:::date-tzoffshour%] tzm=[%timestamp:::date-tzoffsmin%] tzd=[%timestamp:::date-tzoffsdirection%] utc=[%timestamp:::date-rfc3339,date-utc%] utc3164=[%timestamp:::date-utc%] wd=[%timestamp:::date-wday%] wdn=[%timestamp:::date-wdayname%]\n";

    public const string OptsTemplate = "a=[%msg:::lowercase%] b=[%msg:::uppercase%] c=[%msg:1:5%] d=[%msg:5:$%] e=[%msg:3:3%] f=[%msg:2:4:fixed-width%] g=[%msg:1:200:fixed-width%] h=[%msg:1:3:pos-end-relative%] i=[%msg:::json%] j=[%msg:::csv%] k=[%syslogtag:::sp-if-no-1st-sp%] l=[%msg:::compressspace%] m=[%hostname:::secpath-replace%] n=[%msg:10:5%] o=[%msg:0:0%] p=[%msg:3:%] q=[%msg:::drop-last-lf%]\n";

    public static readonly string[] FileFormat =
    {
        "2026-02-05T17:32:18+00:00 myhost sshd[123]: Accepted password for user\n",
        "2003-10-11T22:14:15.003Z mymachine.example.com evntslog An application event log entry\n",
        "2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc[8710] It's time to make the do-nuts.\n",
        "2026-10-11T22:14:15+00:00 host app: nospace\n",
        "2026-10-01T02:03:04+00:00 host tagonly message here\n",
        "2026-10-01T02:03:04+00:00 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello\n",
        "2023-01-02T03:04:05+05:30 h app \n",
    };

    public static readonly string[] TraditionalFileFormat =
    {
        "Feb  5 17:32:18 myhost sshd[123]: Accepted password for user\n",
        "Oct 11 22:14:15 mymachine.example.com evntslog An application event log entry\n",
        "Aug 24 05:14:15 192.0.2.1 myproc[8710] It's time to make the do-nuts.\n",
        "Oct 11 22:14:15 host app: nospace\n",
        "Oct  1 02:03:04 host tagonly message here\n",
        "Oct  1 02:03:04 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello\n",
        "Jan  2 03:04:05 h app \n",
    };

    public static readonly string[] SysklogdFileFormat =
    {
        "Feb  5 17:32:18 myhost sshd[123]: Accepted password for user\n",
        "Oct 11 22:14:15 mymachine.example.com evntslog An application event log entry\n",
        "Aug 24 05:14:15 192.0.2.1 myproc[8710] It's time to make the do-nuts.\n",
        "Oct 11 22:14:15 host app: nospace\n",
        "Oct  1 02:03:04 host tagonly message here\n",
        "Oct  1 02:03:04 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello\n",
        "Jan  2 03:04:05 h app\n",
    };

    public static readonly string[] SyslogProtocol23Format =
    {
        "<134>1 2026-02-05T17:32:18+00:00 myhost sshd 123 - -  Accepted password for user\n",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry\n",
        "<34>1 2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - It's time to make the do-nuts.\n",
        "<13>1 2026-10-11T22:14:15+00:00 host app - - - nospace\n",
        "<13>1 2026-10-01T02:03:04+00:00 host tagonly - - -  message here\n",
        "<13>1 2026-10-01T02:03:04+00:00 host averyveryveryveryverylongtagname_exceeding32chars 99 - -  hello\n",
        "<13>1 2023-01-02T03:04:05+05:30 h app - - - \n",
    };

    public static readonly string[] ForwardFormat =
    {
        "<134>2026-02-05T17:32:18+00:00 myhost sshd[123]: Accepted password for user",
        "<165>2003-10-11T22:14:15.003Z mymachine.example.com evntslog An application event log entry",
        "<34>2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc[8710] It's time to make the do-nuts.",
        "<13>2026-10-11T22:14:15+00:00 host app: nospace",
        "<13>2026-10-01T02:03:04+00:00 host tagonly message here",
        "<13>2026-10-01T02:03:04+00:00 host averyveryveryveryverylongtagname hello",
        "<13>2023-01-02T03:04:05+05:30 h app ",
    };

    public static readonly string[] TraditionalForwardFormat =
    {
        "<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user",
        "<165>Oct 11 22:14:15 mymachine.example.com evntslog An application event log entry",
        "<34>Aug 24 05:14:15 192.0.2.1 myproc[8710] It's time to make the do-nuts.",
        "<13>Oct 11 22:14:15 host app: nospace",
        "<13>Oct  1 02:03:04 host tagonly message here",
        "<13>Oct  1 02:03:04 host averyveryveryveryverylongtagname hello",
        "<13>Jan  2 03:04:05 h app ",
    };

    public static readonly string[] SyslogRFC5424Format =
    {
        "<134>1 2026-02-05T17:32:18+00:00 myhost sshd 123 - -  Accepted password for user",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry",
        "<34>1 2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - It's time to make the do-nuts.",
        "<13>1 2026-10-11T22:14:15+00:00 host app - - - nospace",
        "<13>1 2026-10-01T02:03:04+00:00 host tagonly - - -  message here",
        "<13>1 2026-10-01T02:03:04+00:00 host averyveryveryveryverylongtagname_exceeding32chars 99 - -  hello",
        "<13>1 2023-01-02T03:04:05+05:30 h app - - - ",
    };

    public static readonly string[] Props =
    {
        "msg=[ Accepted password for user] raw=[<134>Feb  5 17:32:18 myhost sshd[123]: Accepted password for user] rap=[Feb  5 17:32:18 myhost sshd[123]: Accepted password for user] host=[myhost] src=[myhost] tag=[sshd[123]:] prog=[sshd] pri=[134] pt=[local0.info] iut=[1] f=[16] ft=[local0] s=[6] st=[info] sp=[6] spt=[info] pv=[0] sd=[-] app=[sshd] pid=[123] mid=[-] in=[imtcp]\n",
        "msg=[An application event log entry] raw=[<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry] rap=[1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry] host=[mymachine.example.com] src=[mymachine.example.com] tag=[evntslog] prog=[evntslog] pri=[165] pt=[local4.notice] iut=[1] f=[20] ft=[local4] s=[5] st=[notice] sp=[5] spt=[notice] pv=[1] sd=[[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]] app=[evntslog] pid=[-] mid=[ID47] in=[imtcp]\n",
        "msg=[It's time to make the do-nuts.] raw=[<34>1 2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - It's time to make the do-nuts.] rap=[1 2023-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - It's time to make the do-nuts.] host=[192.0.2.1] src=[192.0.2.1] tag=[myproc[8710]] prog=[myproc] pri=[34] pt=[auth.crit] iut=[1] f=[4] ft=[auth] s=[2] st=[crit] sp=[2] spt=[crit] pv=[1] sd=[-] app=[myproc] pid=[8710] mid=[-] in=[imtcp]\n",
        "msg=[nospace] raw=[<13>Oct 11 22:14:15 host app:nospace] rap=[Oct 11 22:14:15 host app:nospace] host=[host] src=[host] tag=[app:] prog=[app] pri=[13] pt=[user.notice] iut=[1] f=[1] ft=[user] s=[5] st=[notice] sp=[5] spt=[notice] pv=[0] sd=[-] app=[app] pid=[-] mid=[-] in=[imtcp]\n",
        "msg=[ message here] raw=[<13>Oct  1 02:03:04 host tagonly message here] rap=[Oct  1 02:03:04 host tagonly message here] host=[host] src=[host] tag=[tagonly] prog=[tagonly] pri=[13] pt=[user.notice] iut=[1] f=[1] ft=[user] s=[5] st=[notice] sp=[5] spt=[notice] pv=[0] sd=[-] app=[tagonly] pid=[-] mid=[-] in=[imtcp]\n",
        "msg=[ hello] raw=[<13>Oct  1 02:03:04 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello] rap=[Oct  1 02:03:04 host averyveryveryveryverylongtagname_exceeding32chars[99]: hello] host=[host] src=[host] tag=[averyveryveryveryverylongtagname_exceeding32chars[99]:] prog=[averyveryveryveryverylongtagname_exceeding32chars] pri=[13] pt=[user.notice] iut=[1] f=[1] ft=[user] s=[5] st=[notice] sp=[5] spt=[notice] pv=[0] sd=[-] app=[averyveryveryveryverylongtagname_exceeding32chars] pid=[99] mid=[-] in=[imtcp]\n",
        "msg=[] raw=[<13>1 2023-01-02T03:04:05+05:30 h app - - - ] rap=[1 2023-01-02T03:04:05+05:30 h app - - - ] host=[h] src=[h] tag=[app] prog=[app] pri=[13] pt=[user.notice] iut=[1] f=[1] ft=[user] s=[5] st=[notice] sp=[5] spt=[notice] pv=[1] sd=[-] app=[app] pid=[-] mid=[-] in=[imtcp]\n",
    };

    public static readonly string[] Dates =
    {
        "ts=[Feb  5 17:32:18] 3339=[2026-02-05T17:32:18+00:00] 3164=[Feb  5 17:32:18] my=[20260205173218] pg=[2026-02-05 17:32:18] unix=[1770312738] sub=[0] y=[2026] mo=[02] d=[05] h=[17] mi=[32] s=[18] tzh=[00] tzm=[00] tzd=[+] utc=[2026-02-05T17:32:18.000000+00:00] utc3164=[Feb  5 17:32:18] wd=[4] wdn=[Thu]\n",
        "ts=[Oct 11 22:14:15] 3339=[2003-10-11T22:14:15.003Z] 3164=[Oct 11 22:14:15] my=[20031011221415] pg=[2003-10-11 22:14:15] unix=[1065910455] sub=[003] y=[2003] mo=[10] d=[11] h=[22] mi=[14] s=[15] tzh=[00] tzm=[00] tzd=[-] utc=[2003-10-11T22:14:15.000003+00:00] utc3164=[Oct 11 22:14:15] wd=[6] wdn=[Sat]\n",
        "ts=[Aug 24 05:14:15] 3339=[2023-08-24T05:14:15.000003-07:00] 3164=[Aug 24 05:14:15] my=[20230824051415] pg=[2023-08-24 05:14:15] unix=[1692879255] sub=[000003] y=[2023] mo=[08] d=[24] h=[05] mi=[14] s=[15] tzh=[07] tzm=[00] tzd=[-] utc=[2023-08-24T12:14:15.000003+00:00] utc3164=[Aug 24 12:14:15] wd=[4] wdn=[Thu]\n",
        "ts=[Oct 11 22:14:15] 3339=[2026-10-11T22:14:15+00:00] 3164=[Oct 11 22:14:15] my=[20261011221415] pg=[2026-10-11 22:14:15] unix=[1791756855] sub=[0] y=[2026] mo=[10] d=[11] h=[22] mi=[14] s=[15] tzh=[00] tzm=[00] tzd=[+] utc=[2026-10-11T22:14:15.000000+00:00] utc3164=[Oct 11 22:14:15] wd=[0] wdn=[Sun]\n",
        "ts=[Oct  1 02:03:04] 3339=[2026-10-01T02:03:04+00:00] 3164=[Oct  1 02:03:04] my=[20261001020304] pg=[2026-10-01 02:03:04] unix=[1790820184] sub=[0] y=[2026] mo=[10] d=[01] h=[02] mi=[03] s=[04] tzh=[00] tzm=[00] tzd=[+] utc=[2026-10-01T02:03:04.000000+00:00] utc3164=[Oct  1 02:03:04] wd=[4] wdn=[Thu]\n",
        "ts=[Oct  1 02:03:04] 3339=[2026-10-01T02:03:04+00:00] 3164=[Oct  1 02:03:04] my=[20261001020304] pg=[2026-10-01 02:03:04] unix=[1790820184] sub=[0] y=[2026] mo=[10] d=[01] h=[02] mi=[03] s=[04] tzh=[00] tzm=[00] tzd=[+] utc=[2026-10-01T02:03:04.000000+00:00] utc3164=[Oct  1 02:03:04] wd=[4] wdn=[Thu]\n",
        "ts=[Jan  2 03:04:05] 3339=[2023-01-02T03:04:05+05:30] 3164=[Jan  2 03:04:05] my=[20230102030405] pg=[2023-01-02 03:04:05] unix=[1672608845] sub=[0] y=[2023] mo=[01] d=[02] h=[03] mi=[04] s=[05] tzh=[05] tzm=[30] tzd=[+] utc=[2023-01-01T21:34:05.000000+00:00] utc3164=[Jan  1 21:34:05] wd=[1] wdn=[Mon]\n",
    };

    public static readonly string[] Opts =
    {
        "a=[ accepted password for user] b=[ ACCEPTED PASSWORD FOR USER] c=[ Acce] d=[epted password for user] e=[c] f=[Acc] g=[ Accepted password for user                                                                                                                                                                             ] h=[ser] i=[ Accepted password for user] j=[\" Accepted password for user\"] k=[ ] l=[ Accepted password for user] m=[myhost] n=[epted ] o=[ Accepted password for user] p=[ Ac] q=[ Accepted password for user]\n",
        "a=[an application event log entry] b=[AN APPLICATION EVENT LOG ENTRY] c=[An ap] d=[pplication event log entry] e=[ ] f=[n a] g=[An application event log entry                                                                                                                                                                          ] h=[try] i=[An application event log entry] j=[\"An application event log entry\"] k=[ ] l=[An application event log entry] m=[mymachine.example.com] n=[pplica] o=[An application event log entry] p=[An ] q=[An application event log entry]\n",
        "a=[it's time to make the do-nuts.] b=[IT'S TIME TO MAKE THE DO-NUTS.] c=[It's ] d=[ time to make the do-nuts.] e=['] f=[t's] g=[It's time to make the do-nuts.                                                                                                                                                                          ] h=[ts.] i=[It's time to make the do-nuts.] j=[\"It's time to make the do-nuts.\"] k=[ ] l=[It's time to make the do-nuts.] m=[192.0.2.1] n=[ time ] o=[It's time to make the do-nuts.] p=[It'] q=[It's time to make the do-nuts.]\n",
        "a=[nospace] b=[NOSPACE] c=[nospa] d=[ace] e=[s] f=[osp] g=[nospace                                                                                                                                                                                                 ] h=[ace] i=[nospace] j=[\"nospace\"] k=[ ] l=[nospace] m=[host] n=[ace] o=[nospace] p=[nos] q=[nospace]\n",
        "a=[ message here] b=[ MESSAGE HERE] c=[ mess] d=[sage here] e=[e] f=[mes] g=[ message here                                                                                                                                                                                           ] h=[ere] i=[ message here] j=[\" message here\"] k=[ ] l=[ message here] m=[host] n=[sage h] o=[ message here] p=[ me] q=[ message here]\n",
        "a=[ hello] b=[ HELLO] c=[ hell] d=[lo] e=[e] f=[hel] g=[ hello                                                                                                                                                                                                  ] h=[llo] i=[ hello] j=[\" hello\"] k=[ ] l=[ hello] m=[host] n=[lo] o=[ hello] p=[ he] q=[ hello]\n",
        "a=[] b=[] c=[] d=[] e=[] f=[] g=[] h=[] i=[] j=[\"\"] k=[ ] l=[] m=[h] n=[] o=[] p=[] q=[]\n",
    };

}
