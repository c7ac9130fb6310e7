using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KapMonitor.Service.Api.Auth;

/// <summary>HTTP Basic (user + password) and Bearer (API token) against the users file. Every API call is authenticated.</summary>
public sealed class KapAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserStore users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "KapMonitor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        UserRecord? user = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            user = users.CheckToken(header["Bearer ".Length..].Trim());
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    user = users.CheckPassword(decoded[..colon], decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                return Task.FromResult(AuthenticateResult.Fail("Authorization header is not valid Basic credentials."));
            }
        }

        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown user or wrong password/token."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>401 with the API's error body (docs/api.md), saying why the credentials were not accepted.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"KapMonitor\", Bearer";
        // Only this handler's own reasons are echoed; an unexpected exception's text stays in the log.
        var why = result.Failure switch
        {
            null => "No credentials were sent.",
            AuthenticationFailureException own => own.Message,
            _ => "The credentials could not be checked.",
        };
        await Response.WriteAsJsonAsync(new ApiError($"{why} Send HTTP Basic (user and password) or Bearer (API token) credentials from the users file."));
    }

    /// <summary>403 with the API's error body, naming the user's role.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        await Response.WriteAsJsonAsync(new ApiError($"The role '{role}' may not make this call; docs/api.md lists the roles each call needs."));
    }
}
