namespace KapMonitor.Storage;

/// <summary>Which record types a <see cref="Journal.ReadPage"/> call returns.</summary>
[Flags]
public enum JournalRecordKinds
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Observations.</summary>
    Observations = 1,
    /// <summary>Device status events.</summary>
    StatusEvents = 2,
    /// <summary>Clinical records.</summary>
    ClinicalRecords = 4,
    /// <summary>Every type.</summary>
    All = Observations | StatusEvents | ClinicalRecords,
}
