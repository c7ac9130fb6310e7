using KapMonitor.Storage;

namespace KapMonitor.Service.Cli;

/// <summary><c>kapmon audit verify --journal FILE</c>: checks the hash chain, points at the first broken link.</summary>
public static class AuditCommand
{
    public static int Run(CliArgs cli, TextWriter output)
    {
        if (cli.Positional is not ["verify"])
        {
            throw new UsageException("audit takes one action: 'audit verify --journal FILE'.");
        }

        var path = cli.Require("journal", "the journal file (journal.path in the config)");
        cli.RejectUnknown();
        return AuditVerifyTool.Run(path, output);
    }
}
