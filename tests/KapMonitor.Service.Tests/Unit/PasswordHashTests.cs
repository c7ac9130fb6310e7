using KapMonitor.Service.Api.Auth;

namespace KapMonitor.Service.Tests.Unit;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        var hash = PasswordHash.Hash("correct horse battery", iterations: 1000);
        Assert.StartsWith("pbkdf2-sha256$1000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("correct horse battery", hash));
        Assert.False(PasswordHash.Verify("correct horse batterx", hash));
    }

    [Fact]
    public void Each_hash_has_its_own_salt() =>
        Assert.NotEqual(PasswordHash.Hash("same password here", 1000), PasswordHash.Hash("same password here", 1000));

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$a$b")]
    [InlineData("md5$1$a$b")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    public void Malformed_hashes_never_verify(string stored) => Assert.False(PasswordHash.Verify("anything", stored));

    [Fact]
    public void Tokens_verify_against_their_hash() =>
        Assert.True(PasswordHash.VerifyToken("tok-123", PasswordHash.HashToken("tok-123")) && !PasswordHash.VerifyToken("tok-124", PasswordHash.HashToken("tok-123")));
}
