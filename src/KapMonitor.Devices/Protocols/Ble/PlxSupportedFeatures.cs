namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>PLX Features "Supported Features" bits (0x2A60, uint16). Bits 8–15 are RFU.</summary>
[Flags]
public enum PlxSupportedFeatures : ushort
{
    /// <summary>No optional feature.</summary>
    None = 0,
    /// <summary>Bit 0: Measurement Status supported (the Measurement Status Support field follows).</summary>
    MeasurementStatus = 1 << 0,
    /// <summary>Bit 1: Device and Sensor Status supported (the Device and Sensor Status Support field follows).</summary>
    DeviceAndSensorStatus = 1 << 1,
    /// <summary>Bit 2: measurement storage for spot-check measurements.</summary>
    SpotCheckMeasurementStorage = 1 << 2,
    /// <summary>Bit 3: timestamp for spot-check measurements.</summary>
    SpotCheckTimestamp = 1 << 3,
    /// <summary>Bit 4: SpO2PR-Fast metric.</summary>
    Spo2PrFast = 1 << 4,
    /// <summary>Bit 5: SpO2PR-Slow metric.</summary>
    Spo2PrSlow = 1 << 5,
    /// <summary>Bit 6: Pulse Amplitude Index.</summary>
    PulseAmplitudeIndex = 1 << 6,
    /// <summary>Bit 7: multiple bonds.</summary>
    MultipleBonds = 1 << 7,
}
