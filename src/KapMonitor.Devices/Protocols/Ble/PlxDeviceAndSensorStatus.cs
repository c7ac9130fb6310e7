namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>PLX Device and Sensor Status (uint24 on the wire, PLXS v1.0). Bits 16–23 are RFU.</summary>
[Flags]
#pragma warning disable CA1711 // The SIG names the field "Device and Sensor Status".
public enum PlxDeviceAndSensorStatus : uint
#pragma warning restore CA1711
{
    /// <summary>No bit set.</summary>
    None = 0,
    /// <summary>Bit 0.</summary>
    ExtendedDisplayUpdateOngoing = 1u << 0,
    /// <summary>Bit 1.</summary>
    EquipmentMalfunction = 1u << 1,
    /// <summary>Bit 2.</summary>
    SignalProcessingIrregularity = 1u << 2,
    /// <summary>Bit 3.</summary>
    InadequateSignal = 1u << 3,
    /// <summary>Bit 4.</summary>
    PoorSignal = 1u << 4,
    /// <summary>Bit 5.</summary>
    LowPerfusion = 1u << 5,
    /// <summary>Bit 6.</summary>
    ErraticSignal = 1u << 6,
    /// <summary>Bit 7.</summary>
    NonpulsatileSignal = 1u << 7,
    /// <summary>Bit 8.</summary>
    QuestionablePulse = 1u << 8,
    /// <summary>Bit 9.</summary>
    SignalAnalysisOngoing = 1u << 9,
    /// <summary>Bit 10.</summary>
    SensorInterference = 1u << 10,
    /// <summary>Bit 11.</summary>
    SensorUnconnectedToUser = 1u << 11,
    /// <summary>Bit 12.</summary>
    UnknownSensorConnected = 1u << 12,
    /// <summary>Bit 13.</summary>
    SensorDisplaced = 1u << 13,
    /// <summary>Bit 14.</summary>
    SensorMalfunctioning = 1u << 14,
    /// <summary>Bit 15.</summary>
    SensorDisconnected = 1u << 15,
}
