using System.Text.Json;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Profiles;
using KapMonitor.Storage;

namespace KapMonitor.Service.Pipeline;

/// <summary>
/// Protocol profile versions: the shipped starting points from <c>protocol-profiles/</c>, plus every
/// version a prescriber created, journaled (hash-chained) under the site pseudo-room so they survive
/// restarts and are part of the audit trail. Versions are immutable; a session pins one.
/// </summary>
public sealed class ProtocolRepository : IProtocolStore
{
    /// <summary>Journal pseudo-room for site-level records (real room ids cannot start with '_').</summary>
    public const string SiteRoom = "_site";

    private readonly InMemoryProtocolStore _store = new();
    private readonly Journal _journal;
    private readonly Lock _gate = new();
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _create = new(1, 1);

    private ProtocolRepository(Journal journal) => _journal = journal;

    /// <summary>Loads the profile files in <paramref name="folder"/>, then the versions journaled since.</summary>
    public static ProtocolRepository Load(string folder, Journal journal, ILogger logger)
    {
        var repo = new ProtocolRepository(journal);
        if (!Directory.Exists(folder))
        {
            throw new Configuration.ConfigException($"{folder}: protocol-profiles folder not found (set \"protocolProfiles\" in the config).");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json*").Order(StringComparer.Ordinal))
        {
            try
            {
                repo.Add(ProtocolProfileLoader.LoadFile(file));
            }
            catch (ProfileValidationException ex)
            {
                throw new Configuration.ConfigException(ex.Message, ex);
            }
        }

        var after = 0L;
        while (journal.ReadClinical(SiteRoom, after, 1000) is { Count: > 0 } records)
        {
            foreach (var r in records.Where(r => r.Kind == JournalKinds.ProtocolVersion))
            {
                var profile = JsonSerializer.Deserialize<JournaledVersion>(r.PayloadJson, DecisionJson.Options)!.ToProfile();
                if (repo.Find(profile.Ref) is null)
                {
                    repo.Add(profile);
                }
            }

            after = records[^1].Seq;
        }

        logger.LogInformation("Protocol profiles: {Profiles}", string.Join(", ", repo.All().Select(p => p.Ref)));
        return repo;
    }

    public ProtocolProfile? Find(ProfileRef profile)
    {
        lock (_gate)
        {
            return _store.Find(profile);
        }
    }

    public ProtocolProfile? Latest(string id)
    {
        lock (_gate)
        {
            return _store.Latest(id);
        }
    }

    public void Add(ProtocolProfile profile)
    {
        lock (_gate)
        {
            _store.Add(profile);
            _ids.Add(profile.Id);
        }
    }

    /// <summary>Latest version of every profile.</summary>
    public IReadOnlyList<ProtocolProfile> All()
    {
        lock (_gate)
        {
            return [.. _ids.Select(id => _store.Latest(id)!).Where(p => p is not null)];
        }
    }

    /// <summary>Every version of one profile, oldest first.</summary>
    public IReadOnlyList<ProtocolProfile> Versions(string id)
    {
        lock (_gate)
        {
            var latest = _store.Latest(id);
            return latest is null ? [] : [.. Enumerable.Range(1, latest.Version).Select(v => _store.Find(new ProfileRef(id, v))).OfType<ProtocolProfile>()];
        }
    }

    /// <summary>
    /// Creates the next version of a profile from a prescriber's document: validated like a file, numbered
    /// after the latest, stamped with who and when, journaled (fsynced) before it can be used.
    /// </summary>
    public async Task<ProtocolProfile> CreateVersionAsync(string documentJson, string prescriber, DateTimeOffset now)
    {
        var parsed = ProtocolProfileLoader.Parse("request body", documentJson);
        await _create.WaitAsync();
        try
        {
            var latest = Latest(parsed.Id);
            var created = parsed with
            {
                Version = (latest?.Version ?? 0) + 1,
                BasedOn = latest?.Ref ?? parsed.BasedOn,
                CreatedBy = prescriber,
                CreatedAt = now,
            };
            var record = new JournaledVersion(documentJson, created.Version, created.BasedOn, prescriber, now);
            await _journal.AppendClinicalAsync(SiteRoom, JournalKinds.ProtocolVersion, now, JsonSerializer.Serialize(record, DecisionJson.Options));
            Add(created);
            return created;
        }
        finally
        {
            _create.Release();
        }
    }

    /// <summary>
    /// A created version as journaled: the prescriber's document verbatim (so it is re-validated by the same
    /// loader on restart) plus the stamps the service gave it.
    /// </summary>
    private sealed record JournaledVersion(string Document, int Version, ProfileRef? BasedOn, string CreatedBy, DateTimeOffset CreatedAt)
    {
        public ProtocolProfile ToProfile() => ProtocolProfileLoader.Parse("journaled protocol version", Document) with
        {
            Version = Version,
            BasedOn = BasedOn,
            CreatedBy = CreatedBy,
            CreatedAt = CreatedAt,
        };
    }
}
