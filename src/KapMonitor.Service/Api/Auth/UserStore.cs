using System.Text.Json;
using KapMonitor.Service.Configuration;

namespace KapMonitor.Service.Api.Auth;

/// <summary>One API user from the users file.</summary>
public sealed class UserRecord
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string? TokenHash { get; set; }
}

/// <summary>Users read from the users file (<c>{"users":[{"name","role","passwordHash"|"tokenHash"}]}</c>).</summary>
public sealed class UserStore
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Dictionary<string, UserRecord> _byName;

    public UserStore(IEnumerable<UserRecord> users) => _byName = users.ToDictionary(u => u.Name, StringComparer.Ordinal);

    /// <summary>Number of users.</summary>
    public int Count => _byName.Count;

    /// <summary>Loads and validates a users file.</summary>
    public static UserStore Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: users file not found. Create one with './kapmon users add NAME ROLE' or see docs/api.md.");
        }

        UsersFile? file;
        try
        {
            file = JsonSerializer.Deserialize<UsersFile>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{path}: {ex.Message}", ex);
        }

        var users = file?.Users ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var u = users[i];
            if (string.IsNullOrWhiteSpace(u.Name) || !seen.Add(u.Name))
            {
                throw new ConfigException($"{path}: users[{i}].name must be a non-empty, unique name (found \"{u.Name}\").");
            }

            if (!Roles.All.Contains(u.Role))
            {
                throw new ConfigException($"{path}: users[{i}].role must be one of {string.Join(", ", Roles.All)} (found \"{u.Role}\").");
            }

            if (u.PasswordHash is null && u.TokenHash is null)
            {
                throw new ConfigException($"{path}: users[{i}] needs \"passwordHash\" or \"tokenHash\" (make one with './kapmon users hash').");
            }
        }

        return new UserStore(users);
    }

    /// <summary>Checks a user name and password.</summary>
    public UserRecord? CheckPassword(string name, string password) =>
        _byName.TryGetValue(name, out var u) && u.PasswordHash is { } h && PasswordHash.Verify(password, h) ? u : null;

    /// <summary>Finds the user owning an API token.</summary>
    public UserRecord? CheckToken(string token)
    {
        UserRecord? found = null;
        foreach (var u in _byName.Values)
        {
            // Check every user so the time taken does not reveal which one matched.
            if (u.TokenHash is { } h && PasswordHash.VerifyToken(token, h))
            {
                found = u;
            }
        }

        return found;
    }

    /// <summary>
    /// Checks that <paramref name="token"/> is the API token of the user <paramref name="name"/>: the same check
    /// as a Bearer token on the HTTP API, plus the name the caller claims (commands from tablets carry both).
    /// </summary>
    public UserRecord? CheckToken(string name, string token) =>
        CheckToken(token) is { } user && string.Equals(user.Name, name, StringComparison.Ordinal) ? user : null;

    private sealed class UsersFile
    {
        public List<UserRecord> Users { get; set; } = [];
    }
}
