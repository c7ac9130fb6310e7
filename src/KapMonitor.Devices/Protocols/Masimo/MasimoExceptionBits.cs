using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Masimo;

/// <summary>Masimo <c>EXC=</c> exception bits (Rad-8 operator's manual p.4-24).</summary>
internal static class MasimoExceptionBits
{
    public static ObservationFlags ToFlags(uint exc)
    {
        var flags = ObservationFlags.None;
        if ((exc & 0x001) != 0)
        {
            flags |= ObservationFlags.SensorDisconnected; // No Sensor
        }

        if ((exc & 0x082) != 0)
        {
            flags |= ObservationFlags.SensorFault; // 0x002 Defective Sensor, 0x080 Unrecognized Sensor
        }

        if ((exc & 0x004) != 0)
        {
            flags |= ObservationFlags.LowPerfusion;
        }

        if ((exc & 0x008) != 0)
        {
            flags |= ObservationFlags.Searching; // Pulse Search
        }

        if ((exc & 0x050) != 0)
        {
            flags |= ObservationFlags.Interference; // 0x010 Interference, 0x040 Ambient Light
        }

        if ((exc & 0x020) != 0)
        {
            flags |= ObservationFlags.ProbeOff; // Sensor Off (OffPat)
        }

        if ((exc & 0x400) != 0)
        {
            flags |= ObservationFlags.PoorSignal; // Low Signal IQ
        }

        // 0x100/0x200 reserved, 0x800 "Masimo SET" mode: not conditions.
        return flags;
    }
}
