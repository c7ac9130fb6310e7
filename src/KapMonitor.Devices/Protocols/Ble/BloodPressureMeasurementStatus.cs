namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// Measurement Status of Blood Pressure Measurement / Intermediate Cuff Pressure (BLS v1.0, uint16). Bits 3–4
/// are a 2-bit enum (0 in range, 1 above upper limit, 2 below lower limit, 3 RFU); bits 6–15 are RFU.
/// </summary>
[Flags]
#pragma warning disable CA1711 // The SIG names the field "Measurement Status".
public enum BloodPressureMeasurementStatus : ushort
#pragma warning restore CA1711
{
    /// <summary>Nothing detected.</summary>
    None = 0,
    /// <summary>Bit 0: body movement during measurement.</summary>
    BodyMovement = 1 << 0,
    /// <summary>Bit 1: cuff too loose.</summary>
    CuffTooLoose = 1 << 1,
    /// <summary>Bit 2: irregular pulse detected.</summary>
    IrregularPulse = 1 << 2,
    /// <summary>Bits 3–4 = 1: pulse rate exceeds the upper limit.</summary>
    PulseRateExceedsUpperLimit = 1 << 3,
    /// <summary>Bits 3–4 = 2: pulse rate is below the lower limit.</summary>
    PulseRateBelowLowerLimit = 2 << 3,
    /// <summary>Mask of the 2-bit pulse-rate-range field (value 3 is RFU).</summary>
    PulseRateRangeMask = 3 << 3,
    /// <summary>Bit 5: improper measurement position.</summary>
    ImproperPosition = 1 << 5,
}
