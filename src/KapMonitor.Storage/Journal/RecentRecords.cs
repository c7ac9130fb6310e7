using KapMonitor.Core.Observations;

namespace KapMonitor.Storage;

/// <summary>
/// The last records each room committed, kept in memory by the writer so that readers that follow the live edge
/// (the InfluxDB forwarder, a room's MQTT backlog) get their page without reading SQLite back: the same records,
/// in the same form, as <see cref="Journal.ReadPage"/> would read. A room's window is always a gap-free run of
/// sequence numbers ending at its last commit; anything that could break that (a failed commit, retention
/// deleting rows) empties it, and a read it cannot fully answer goes to the database.
/// </summary>
internal sealed class RecentRecords(int capacityPerRoom)
{
    private readonly Dictionary<string, Window> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Adds the records of one committed transaction, which hold each room's next sequence numbers in order.</summary>
    public void AddCommitted(IEnumerable<Entry> entries)
    {
        if (capacityPerRoom == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_rooms.TryGetValue(entry.Room, out var window))
                {
                    _rooms[entry.Room] = window = new Window(capacityPerRoom);
                }

                window.Add(entry);
            }
        }
    }

    /// <summary>Forgets everything (after a failed commit or a deletion).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rooms.Clear();
        }
    }

    /// <summary>
    /// The page <see cref="Journal.ReadPage"/> would return, or null when the window does not reach back to
    /// <paramref name="afterSeq"/> + 1.
    /// </summary>
    public JournalPage? TryReadPage(string room, long afterSeq, int maxPerKind, JournalRecordKinds kinds)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(room, out var window) ? window.TryReadPage(room, afterSeq, maxPerKind, kinds) : null;
        }
    }

    /// <summary>One committed record: exactly one of the three payloads is set, by <see cref="Kind"/>.</summary>
    internal readonly record struct Entry(string Room, long Seq, JournalRecordKinds Kind, Observation Observation, DeviceStatusEvent Status, ClinicalRecord? Clinical);

    private sealed class Window(int capacity)
    {
        private readonly Entry[] _ring = new Entry[capacity];
        private int _start;
        private int _count;

        private long FirstSeq => _ring[_start].Seq;

        private long LastSeq => _ring[(_start + _count - 1) % _ring.Length].Seq;

        public void Add(in Entry entry)
        {
            if (_count > 0 && entry.Seq != LastSeq + 1)
            {
                // Not the next number (a commit this window never saw): start again from here.
                _count = 0;
                _start = 0;
            }

            if (_count == _ring.Length)
            {
                _ring[_start] = entry;
                _start = (_start + 1) % _ring.Length;
            }
            else
            {
                _ring[(_start + _count) % _ring.Length] = entry;
                _count++;
            }
        }

        public JournalPage? TryReadPage(string room, long afterSeq, int maxPerKind, JournalRecordKinds kinds)
        {
            if (_count == 0 || afterSeq + 1 < FirstSeq)
            {
                return null;
            }

            var observations = new List<JournaledObservation>();
            var status = new List<JournaledStatusEvent>();
            var clinical = new List<ClinicalRecord>();
            var upTo = Math.Max(afterSeq, LastSeq);
            for (var i = (int)Math.Max(0, afterSeq + 1 - FirstSeq); i < _count; i++)
            {
                ref readonly var e = ref _ring[(_start + i) % _ring.Length];
                if ((kinds & e.Kind) == 0)
                {
                    continue;
                }

                var filled = e.Kind switch
                {
                    JournalRecordKinds.Observations => Add(observations, new JournaledObservation(room, e.Seq, e.Observation)),
                    JournalRecordKinds.StatusEvents => Add(status, new JournaledStatusEvent(room, e.Seq, e.Status)),
                    _ => Add(clinical, e.Clinical!),
                };
                if (filled == maxPerKind)
                {
                    // As in the database read: a full kind may have more beyond, so the page ends at its last record.
                    upTo = e.Seq;
                    break;
                }
            }

            return new JournalPage(room, observations, status, clinical, upTo);
        }

        private static int Add<T>(List<T> list, T item)
        {
            list.Add(item);
            return list.Count;
        }
    }
}
