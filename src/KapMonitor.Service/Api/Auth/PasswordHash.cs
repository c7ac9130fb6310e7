using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KapMonitor.Service.Api.Auth;

/// <summary>
/// Salted password hashes stored in the users file: <c>pbkdf2-sha256$iterations$salt-b64$hash-b64</c>.
/// API tokens are stored as <c>sha256$hex</c> (tokens are random, so a fast hash suffices).
/// </summary>
public static class PasswordHash
{
    private const int Iterations = 210_000; // OWASP 2023 guidance for PBKDF2-HMAC-SHA256 (ours to revisit).
    private const string Scheme = "pbkdf2-sha256";

    /// <summary>Hashes a password with a fresh random salt.</summary>
    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Checks a password against a stored hash in constant time. False for malformed hashes.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Hash form of an API token.</summary>
    public static string HashToken(string token) => "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Checks a token against its stored hash in constant time.</summary>
    public static bool VerifyToken(string token, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(token)), Encoding.ASCII.GetBytes(stored));
}
