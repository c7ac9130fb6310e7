namespace KapMonitor.Core.Clinical.Profiles;

/// <summary>Where profile versions live. The host implements persistence; versions are never replaced.</summary>
public interface IProtocolStore
{
    /// <summary>Returns the pinned version, or null when unknown.</summary>
    ProtocolProfile? Find(ProfileRef profile);

    /// <summary>Latest version of <paramref name="id"/>, or null.</summary>
    ProtocolProfile? Latest(string id);

    /// <summary>Adds a new version; throws when that (id, version) exists or the version does not follow the latest.</summary>
    void Add(ProtocolProfile profile);
}
