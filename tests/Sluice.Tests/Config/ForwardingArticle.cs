namespace Sluice.Tests.Config;

/// <summary>
/// The client and server configurations of /work/shared/seeds/forwarding-article.txt, put together from the article's
/// fragments in its order (the article's text lost some lines; closing braces and the file inputs' obvious parameters
/// are restored). Paths point into "{dir}"; the owner "syslog", which this machine does not have, is "nobody". The
/// article's legacy line ':programname, startswith, "haproxy", -/var/log/haproxy.log' has a ',' before the action that
/// rsyslogd 8.2302 rejects too ("invalid character ','"); it is written here without it.
/// </summary>
internal static class ForwardingArticle
{
    public const string Client = """
        auth,authpriv.*            {dir}/auth.log
        *.*;auth,authpriv.none     {dir}/syslog

        $ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat
        $WorkDirectory {dir}/spool
        $IncludeConfig {dir}/rsyslog.d/*.conf

        :programname, startswith, "haproxy" -{dir}/haproxy.log
        & ~

        template (name="LongTagForwardFormat" type="string"
        string="<%PRI%>%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%$.suffix%%msg:::sp-if-no-1st-sp%%msg%")

        module(load="omrelp")
        ruleset(name="sendToLogserver") {
            action(type="omrelp" Target="192.0.2.10" Port="20514" Template="LongTagForwardFormat"
            queue.type="LinkedList" queue.size="10000" queue.filename="q_sendToLogserver" queue.highwatermark="9000"
            queue.lowwatermark="50" queue.maxdiskspace="500m" queue.saveonshutdown="on" action.resumeRetryCount="-1"
            action.reportSuspension="on" action.reportSuspensionContinuation="on" action.resumeInterval="10")
        }

        module(load="imfile")
        input(type="imfile" File="{dir}/app/nginx/access.log" Tag="nginx__access:" Ruleset="sendToLogserver")

        # Template to output only message
        template(name="OnlyMsg" type="string" string="%msg:::drop-last-lf%\n")

        if( $syslogtag == 'nginx__access:')  then {
            # write to file
            action(type="omfile" file="{dir}/nginx/access" template="OnlyMsg")
            # forward over network
            call sendToLogserver
            stop
        }

        ruleset(name="myapp_logs") {
        	# re_extract(expr, re, match, submatch, no-found)
        	set $.suffix=re_extract($!metadata!filename, "(.*)/([^/]*)", 0, 2, "all.log");
        	call sendToLogserver
        }
        input(type="imfile" File="{dir}/app/myapp/*.log" Tag="myapp__" Ruleset="myapp_logs")

        input(type="imfile" File="{dir}/mysql/mysql-slow.log"
            startmsg.regex="^# Time: [0-9]{6}"
            readTimeout="2"
            # no need to escape new line for RELP
            Tag=" mysql__slow.log"
            Ruleset="sendToLogserver")
        """;

    public const string Server = """
        template(name="RemoteLogSavePath" type="list") {
            constant(value="{dir}/srv/log/")
            property(name="fromhost-ip")
            constant(value="/")
            property(name="timegenerated" dateFormat="year")
            constant(value="/")
            property(name="timegenerated" dateFormat="month")
            constant(value="/")
            property(name="timegenerated" dateFormat="day")
            constant(value="/")
            property(name="$.logpath" )
            constant(value=".log")
        }

        # Accept RELP messages from network
        module(load="imrelp")
        input(type="imrelp" port="20514" ruleset="RemoteLogProcess")

        # Default parameters for file output. Old-style global settings are not working with new-style actions
        module(load="builtin:omfile" FileOwner="nobody" FileGroup="adm" dirOwner="nobody"
                dirGroup="adm" FileCreateMode="0640" DirCreateMode="0755")

        # Module to remove 1st space from message
        module(load="mmrm1stspace")

        # Print recieved LF as-it-is, not like '\n'. For multi-line messages
        # Default: on
        $EscapeControlCharactersOnReceive off

        template(name="OnlyMsg" type="string" string="%msg:::drop-last-lf%\n")

        ruleset(name="RemoteLogProcess") {
            # For facilities local0-7 set log filename from $programname field: replace __ with /
            # Message has arbitary format, syslog fields are not used
            if ( $syslogfacility >= 16 ) then
            {
                # Remove 1st space from message. Syslog protocol legacy
                action(type="mmrm1stspace")

                set $.logpath = replace($programname, "__", "/");
                action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="OnlyMsg"
                flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")

            # Logs with filename defined from facility
            # Message has syslog format, syslog fields are used
            } else {
                if (($syslogfacility == 0)) then {
            	    set $.logpath = "kern";
                } else if (($syslogfacility == 4) or ($syslogfacility == 10)) then {
                    set $.logpath = "auth";
                } else if (($syslogfacility == 9) or ($syslogfacility == 15)) then {
                    set $.logpath = "cron";
                } else {
                    set $.logpath ="syslog";
                }
                # Built-in template RSYSLOG_FileFormat: High-precision timestamps and timezone information
                action(type="omfile" dynaFileCacheSize="1024" dynaFile="RemoteLogSavePath" template="RSYSLOG_FileFormat"
                flushOnTXEnd="off" asyncWriting="on" flushInterval="1" ioBufferSize="64k")
            }
        } # ruleset
        """;
}
