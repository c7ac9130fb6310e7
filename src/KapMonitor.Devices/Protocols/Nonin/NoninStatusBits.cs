using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Nonin;

/// <summary>Maps Nonin status bytes to <see cref="ObservationFlags"/> (mattjlewis/NoninPulseOx, mdpnp/mdpnp, pufferfish-software).</summary>
internal static class NoninStatusBits
{
    /// <summary>
    /// DF2/DF7 STATUS byte: bit6 SNSD · bit5 ARTF · bit4 OOT · bit3 SNSA · bit2 RPRF · bit1 GPRF
    /// (RPRF+GPRF = YPRF, marginal). ⚠ bit6 is "reserved" in one 9560 transcription; a device that never
    /// sets it loses nothing.
    /// </summary>
    public static ObservationFlags FromPacketStatus(byte status)
    {
        var flags = ObservationFlags.None;
        if ((status & 0x40) != 0)
        {
            flags |= ObservationFlags.ProbeOff; // SNSD: sensor disconnected from the patient.
        }

        if ((status & 0x20) != 0)
        {
            flags |= ObservationFlags.Artifact;
        }

        if ((status & 0x10) != 0)
        {
            flags |= ObservationFlags.OutOfTrack;
        }

        if ((status & 0x08) != 0)
        {
            flags |= ObservationFlags.SensorFault; // SNSA: "device is providing unusable data".
        }

        flags |= (status & 0x06) switch
        {
            0x04 => ObservationFlags.LowPerfusion,      // RPRF: red perfusion.
            0x06 => ObservationFlags.MarginalPerfusion, // YPRF: yellow perfusion.
            _ => ObservationFlags.None,                 // GPRF alone is good perfusion.
        };
        return flags;
    }

    /// <summary>DF2/DF7 STAT2 packet byte (frame 8): bit5 SPA SmartPoint · bit0 low battery.</summary>
    public static ObservationFlags FromStat2(byte stat2)
    {
        var flags = ObservationFlags.None;
        if ((stat2 & 0x20) != 0)
        {
            flags |= ObservationFlags.SmartPoint;
        }

        if ((stat2 & 0x01) != 0)
        {
            flags |= ObservationFlags.LowBattery;
        }

        return flags;
    }

    /// <summary>
    /// DF8 STATUS byte 1: bit6 SNSD (⚠ per the DF1 layout) · bit5 OOT · bit4 LPRF · bit3 MPRF · bit2 ARTF.
    /// </summary>
    public static ObservationFlags FromDf8Status(byte status)
    {
        var flags = ObservationFlags.None;
        if ((status & 0x40) != 0)
        {
            flags |= ObservationFlags.ProbeOff;
        }

        if ((status & 0x20) != 0)
        {
            flags |= ObservationFlags.OutOfTrack;
        }

        if ((status & 0x10) != 0)
        {
            flags |= ObservationFlags.LowPerfusion;
        }

        if ((status & 0x08) != 0)
        {
            flags |= ObservationFlags.MarginalPerfusion;
        }

        if ((status & 0x04) != 0)
        {
            flags |= ObservationFlags.Artifact;
        }

        return flags;
    }

    /// <summary>DF8 STATUS2 byte 4: bit5 SPA · bit3 SNSA sensor alarm · bit0 low battery.</summary>
    public static ObservationFlags FromDf8Status2(byte status2)
    {
        var flags = FromStat2(status2);
        if ((status2 & 0x08) != 0)
        {
            flags |= ObservationFlags.SensorFault;
        }

        return flags;
    }

    /// <summary>DF13 STATUS u16: 0x0200 SmartPoint · 0x0010 from memory · 0x0001 low battery (0x0100 handled by the caller).</summary>
    public static ObservationFlags FromDf13Status(int status)
    {
        var flags = ObservationFlags.None;
        if ((status & 0x0200) != 0)
        {
            flags |= ObservationFlags.SmartPoint;
        }

        if ((status & 0x0010) != 0)
        {
            flags |= ObservationFlags.FromMemory;
        }

        if ((status & 0x0001) != 0)
        {
            flags |= ObservationFlags.LowBattery;
        }

        return flags;
    }
}
