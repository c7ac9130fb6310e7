namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>Blood Pressure Feature bits (0x2A49, uint16): what the cuff can detect and report.</summary>
[Flags]
public enum BloodPressureFeature : ushort
{
    /// <summary>No optional feature.</summary>
    None = 0,
    /// <summary>Bit 0: body movement detection.</summary>
    BodyMovementDetection = 1 << 0,
    /// <summary>Bit 1: cuff fit detection.</summary>
    CuffFitDetection = 1 << 1,
    /// <summary>Bit 2: irregular pulse detection.</summary>
    IrregularPulseDetection = 1 << 2,
    /// <summary>Bit 3: pulse rate range detection.</summary>
    PulseRateRangeDetection = 1 << 3,
    /// <summary>Bit 4: measurement position detection.</summary>
    MeasurementPositionDetection = 1 << 4,
    /// <summary>Bit 5: multiple bonds.</summary>
    MultipleBonds = 1 << 5,
    /// <summary>Bit 6 (later GSS §3.30): E2E-CRC.</summary>
    E2eCrc = 1 << 6,
    /// <summary>Bit 7 (later GSS §3.30): User Data Service.</summary>
    UserDataService = 1 << 7,
    /// <summary>Bit 8 (later GSS §3.30): User Facing Time.</summary>
    UserFacingTime = 1 << 8,
}
