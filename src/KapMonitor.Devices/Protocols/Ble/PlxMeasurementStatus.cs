namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>PLX Measurement Status (uint16, PLXS v1.0). Bits 0–4 are RFU.</summary>
[Flags]
#pragma warning disable CA1711 // The SIG names the field "Measurement Status".
public enum PlxMeasurementStatus : ushort
#pragma warning restore CA1711
{
    /// <summary>No bit set.</summary>
    None = 0,
    /// <summary>Bit 5.</summary>
    MeasurementOngoing = 1 << 5,
    /// <summary>Bit 6.</summary>
    EarlyEstimatedData = 1 << 6,
    /// <summary>Bit 7.</summary>
    ValidatedData = 1 << 7,
    /// <summary>Bit 8.</summary>
    FullyQualifiedData = 1 << 8,
    /// <summary>Bit 9.</summary>
    DataFromMeasurementStorage = 1 << 9,
    /// <summary>Bit 10.</summary>
    DataForDemonstration = 1 << 10,
    /// <summary>Bit 11.</summary>
    DataForTesting = 1 << 11,
    /// <summary>Bit 12.</summary>
    CalibrationOngoing = 1 << 12,
    /// <summary>Bit 13.</summary>
    MeasurementUnavailable = 1 << 13,
    /// <summary>Bit 14.</summary>
    QuestionableMeasurementDetected = 1 << 14,
    /// <summary>Bit 15.</summary>
    InvalidMeasurementDetected = 1 << 15,
}
