using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KapMonitor.Influx;

/// <summary>
/// Maps a write response to a <see cref="WriteOutcome"/>. Pure: status, body and headers in, outcome out.
/// Status meanings follow responses observed on InfluxDB 1.6.7 and the 2.x/3.x response-code docs.
/// </summary>
internal static partial class WriteResponseClassifier
{
    private const int MaxErrorLength = 1000;

    public static WriteOutcome Classify(InfluxEndpoint endpoint, int status, string body, RetryConditionHeaderValue? retryAfterHeader, DateTimeOffset now)
    {
        if (status is >= 200 and < 300)
        {
            return status == 204 ? WriteOutcome.Success : new WriteOutcome(WriteOutcomeKind.Success, "Written.", status);
        }

        (string? error, int? lineErrors) = ParseBody(body);
        string shown = error ?? "no error text in the response";
        TimeSpan? retryAfter = RetryAfter(retryAfterHeader, now);

        switch (status)
        {
            case 400 when IsPartial(error):
                return new WriteOutcome(WriteOutcomeKind.PartialWrite,
                    $"{endpoint} stored part of the batch and dropped the rest: {shown}. The dropped lines fail again if resent.",
                    status, error, Dropped(error) ?? lineErrors);
            case 422:
                return new WriteOutcome(WriteOutcomeKind.PartialWrite,
                    $"{endpoint} rejected some points of the batch (422, other points were stored): {shown}.",
                    status, error, Dropped(error) ?? lineErrors);
            case 400:
                return new WriteOutcome(WriteOutcomeKind.Rejected,
                    $"{endpoint} rejected the data (400): {shown}. Resending the same lines fails again.", status, error);
            case 401 or 403:
                return new WriteOutcome(WriteOutcomeKind.AuthFailed, AuthMessage(endpoint, status, shown), status, error);
            case 404:
                return new WriteOutcome(WriteOutcomeKind.NotFound, NotFoundMessage(endpoint, shown), status, error);
            case 413:
                return new WriteOutcome(WriteOutcomeKind.TooLarge,
                    $"{endpoint} refused the request body as too large (413): {shown}. Split the batch (or raise [http] max-body-size on the server).",
                    status, error);
            case 500 when error is not null && error.Contains("retention policy not found", StringComparison.OrdinalIgnoreCase):
                // 1.6.7 answers an unknown rp with 500 [LAB]; retrying never helps, so report it as a missing target.
                return new WriteOutcome(WriteOutcomeKind.NotFound,
                    $"{endpoint}: the retention policy '{endpoint.RetentionPolicy}' does not exist ({shown}). Fix the RetentionPolicy setting or create it with CREATE RETENTION POLICY.",
                    status, error);
            case 408 or 429 or >= 500:
                return new WriteOutcome(WriteOutcomeKind.Retryable,
                    $"{endpoint} is unavailable or overloaded (HTTP {status}): {shown}. Retry later.", status, error, retryAfter: retryAfter);
            case >= 400:
                return new WriteOutcome(WriteOutcomeKind.Rejected,
                    $"{endpoint} refused the request (HTTP {status}): {shown}.", status, error);
            default:
                return new WriteOutcome(WriteOutcomeKind.Retryable,
                    $"{endpoint} gave an unexpected HTTP {status} to a write: {shown}. Check the Url setting (a proxy or redirect?).", status, error, retryAfter: retryAfter);
        }
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for: seconds, or an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
        {
            return null;
        }

        if (header.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string AuthMessage(InfluxEndpoint endpoint, int status, string shown) => endpoint.Version switch
    {
        InfluxApiVersion.V1 when string.IsNullOrEmpty(endpoint.Username) =>
            $"{endpoint} requires authentication (HTTP {status}: {shown}). Set the Username and Password settings to a user with WRITE on database '{endpoint.Database}'.",
        InfluxApiVersion.V1 =>
            $"{endpoint} refused user '{endpoint.Username}' (HTTP {status}: {shown}). Check the Username and Password settings; the user needs WRITE on database '{endpoint.Database}'.",
        InfluxApiVersion.V2 =>
            $"{endpoint} refused the token (HTTP {status}: {shown}). Check the Token setting: it needs write permission on bucket '{endpoint.Bucket}' in org '{endpoint.Org}'.",
        _ =>
            $"{endpoint} refused the token (HTTP {status}: {shown}). Check the Token setting: it needs write permission on database '{endpoint.Database}'.",
    };

    private static string NotFoundMessage(InfluxEndpoint endpoint, string shown)
    {
        if (shown.Contains("page not found", StringComparison.OrdinalIgnoreCase))
        {
            // e.g. 1.6 answers /api/v2/write with "404 page not found" [LAB]: the Version setting is wrong.
            return $"{endpoint}: the server has no {endpoint.Version} write API (404: {shown}). Check the Version setting (InfluxDB 1.x needs V1) and the Url.";
        }

        return endpoint.Version switch
        {
            InfluxApiVersion.V1 =>
                $"{endpoint}: database '{endpoint.Database}' does not exist (404: {shown}). Create it (CREATE DATABASE \"{endpoint.Database}\") or fix the Database setting.",
            InfluxApiVersion.V2 =>
                $"{endpoint}: bucket '{endpoint.Bucket}' or org '{endpoint.Org}' does not exist (404: {shown}). Create the bucket or fix the Bucket and Org settings.",
            _ =>
                $"{endpoint}: database '{endpoint.Database}' does not exist (404: {shown}). Create it or fix the Database setting.",
        };
    }

    private static bool IsPartial(string? error) =>
        error is not null && error.Contains("partial write", StringComparison.OrdinalIgnoreCase);

    private static int? Dropped(string? error)
    {
        if (error is null)
        {
            return null;
        }

        Match match = DroppedPattern().Match(error);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int dropped) ? dropped : null;
    }

    // 1.x: {"error":"..."}; 2.x: {"code":"...","message":"..."}; 3.x: {"error":"...","data":[{line errors}]}.
    private static (string? Error, int? LineErrors) ParseBody(string body)
    {
        string trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return (null, null);
        }

        if (trimmed[0] == '{')
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                JsonElement root = document.RootElement;
                string? error = Text(root, "error") ?? Text(root, "message");
                int? lineErrors = root.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : null;
                if (error is not null)
                {
                    return (Clip(error), lineErrors);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: report the raw text below.
            }
        }

        return (Clip(trimmed), null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Clip(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";

    [GeneratedRegex(@"dropped=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex DroppedPattern();
}
