using KapMonitor.Service.Cli;
using KapMonitor.Service.Configuration;

// The service's command line; ./kapmon forwards its commands here. Exit codes: 0 ok, 1 failure, 2 usage.
try
{
    var cli = CliArgs.Parse(args);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };

    return cli.Command switch
    {
        "run" => await RunCommand.RunAsync(cli, stop.Token),
        "demo" => await DemoCommand.RunAsync(cli, stop.Token),
        "decode" => DecodeCommand.Run(cli, Console.Out),
        "simulate" => await SimulateCommand.RunAsync(cli, Console.Out, stop.Token),
        "audit" => AuditCommand.Run(cli, Console.Out),
        "users" => UsersCommand.Run(cli, Console.Out, Console.In),
        "help" or "--help" or "-h" => Usage(Console.Out, 0),
        _ => throw new UsageException($"unknown command '{cli.Command}'."),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"kapmon: {ex.Message}");
    return Usage(Console.Error, 2);
}
catch (ConfigException ex)
{
    Console.Error.WriteLine($"kapmon: configuration error: {ex.Message}");
    return 1;
}

static int Usage(TextWriter output, int code)
{
    output.WriteLine("""
        usage: kapmon run --config FILE
               kapmon demo [--speed X] [--scenario NAME] [--seed N]
               kapmon decode --protocol ID (--hex HEX | --file PATH) [--options JSON]
               kapmon simulate --profile DEVICE --scenario NAME --transport pty|tcp:PORT|file:PATH [--seed N] [--speed X]
               kapmon audit verify --journal FILE
               kapmon users hash [--password TEXT] | kapmon users token
        """);
    return code;
}
