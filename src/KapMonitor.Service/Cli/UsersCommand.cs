using System.Security.Cryptography;
using KapMonitor.Service.Api.Auth;

namespace KapMonitor.Service.Cli;

/// <summary><c>kapmon users hash|token</c>: makes entries for the users file without storing secrets.</summary>
public static class UsersCommand
{
    public static int Run(CliArgs cli, TextWriter output, TextReader input)
    {
        switch (cli.Positional)
        {
            case ["hash"]:
                var password = cli.Get("password") ?? input.ReadLine()
                    ?? throw new UsageException("give the password with --password or on standard input.");
                cli.RejectUnknown();
                if (password.Length < 10)
                {
                    throw new UsageException("passwords must be at least 10 characters.");
                }

                output.WriteLine(PasswordHash.Hash(password));
                return 0;
            case ["token"]:
                cli.RejectUnknown();
                var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                output.WriteLine($"token:     {token}");
                output.WriteLine($"tokenHash: {PasswordHash.HashToken(token)}");
                return 0;
            default:
                throw new UsageException("users takes 'hash' (password hash) or 'token' (new API token and its hash).");
        }
    }
}
