using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// BLS Measurement Status → observation flags and validity. Body movement, a loose cuff and an improper position
/// make the oscillometric reading itself doubtful, so those are Questionable. Irregular pulse is only flagged: the
/// cuff still measured the pressure, and arrhythmia is a clinical finding for the prescriber, not a device fault.
/// Pulse rate out of range (either direction) is flagged on every value and makes the pulse-rate value Questionable.
/// </summary>
internal static class BloodPressureStatusMapping
{
    public static void Map(BloodPressureMeasurementStatus? status, out ObservationFlags flags, out Validity validity, out bool pulseRateOutOfRange)
    {
        flags = ObservationFlags.None;
        validity = Validity.Valid;
        pulseRateOutOfRange = false;
        if (status is not { } bits)
        {
            return;
        }

        if ((bits & BloodPressureMeasurementStatus.BodyMovement) != 0)
        {
            flags |= ObservationFlags.BodyMovement;
            validity = Validity.Questionable;
        }

        if ((bits & BloodPressureMeasurementStatus.CuffTooLoose) != 0)
        {
            flags |= ObservationFlags.CuffLoose;
            validity = Validity.Questionable;
        }

        if ((bits & BloodPressureMeasurementStatus.ImproperPosition) != 0)
        {
            flags |= ObservationFlags.ImproperPosition;
            validity = Validity.Questionable;
        }

        if ((bits & BloodPressureMeasurementStatus.IrregularPulse) != 0)
        {
            flags |= ObservationFlags.IrregularPulse;
        }

        // Bits 3–4 are one 2-bit field: 1 above the upper limit, 2 below the lower limit, 3 RFU (ignored).
        var range = bits & BloodPressureMeasurementStatus.PulseRateRangeMask;
        if (range is BloodPressureMeasurementStatus.PulseRateExceedsUpperLimit or BloodPressureMeasurementStatus.PulseRateBelowLowerLimit)
        {
            flags |= ObservationFlags.PulseRateOutOfRange;
            pulseRateOutOfRange = true;
        }
    }
}
