namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>An <see cref="IProtocolStore"/> in memory, enforcing immutability and consecutive versions.</summary>
public sealed class InMemoryProtocolStore : IProtocolStore
{
    private readonly Dictionary<ProfileRef, ProtocolProfile> _byRef = [];
    private readonly Dictionary<string, ProtocolProfile> _latest = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ProtocolProfile? Find(ProfileRef profile) => _byRef.GetValueOrDefault(profile);

    /// <inheritdoc/>
    public ProtocolProfile? Latest(string id) => _latest.GetValueOrDefault(id);

    /// <inheritdoc/>
    public void Add(ProtocolProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (_byRef.ContainsKey(profile.Ref))
        {
            throw new InvalidOperationException($"Profile {profile.Ref} exists; versions are immutable, create version {profile.Version + 1}.");
        }

        var expected = _latest.TryGetValue(profile.Id, out var latest) ? latest.Version + 1 : profile.Version;
        if (profile.Version != expected)
        {
            throw new InvalidOperationException($"Profile {profile.Id}: next version must be {expected} (found {profile.Version}).");
        }

        _byRef.Add(profile.Ref, profile);
        _latest[profile.Id] = profile;
    }
}
