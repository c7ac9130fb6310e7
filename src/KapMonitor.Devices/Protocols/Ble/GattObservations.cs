using KapMonitor.Core.Observations;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>Turns decoded SFLOATs into <see cref="Observation"/>s with the validity rules of the style guide.</summary>
internal static class GattObservations
{
    /// <summary>mmHg per kPa (101.325 kPa = 760 mmHg).</summary>
    public const double MillimetresOfMercuryPerKilopascal = 7.50062;

    public const string KilopascalUnit = "kPa";

    public static Validity Worst(Validity a, Validity b) => a >= b ? a : b;

    /// <summary>
    /// One observation. IEEE 11073 reserved values become Invalid with the matching flag; Invalid always
    /// carries NaN (the <see cref="Observation"/> contract).
    /// </summary>
    public static Observation Create(
        string deviceId,
        Metric metric,
        Sfloat value,
        ObservationFlags flags,
        Validity validity,
        DateTimeOffset receivedAt,
        DateTimeOffset? deviceTime)
    {
        double number = Sfloat.Decode(value.Raw, out var special);
        if (special != MderSpecial.None)
        {
            return Observation.Invalid(deviceId, metric, flags | SpecialFlag(special), receivedAt, deviceTime);
        }

        return validity == Validity.Invalid
            ? Observation.Invalid(deviceId, metric, flags, receivedAt, deviceTime)
            : new Observation(deviceId, metric, number, validity, flags, receivedAt, deviceTime);
    }

    /// <summary>A pressure observation in mm[Hg]; kPa values are converted and the original kept.</summary>
    public static Observation CreatePressure(
        string deviceId,
        Metric metric,
        Sfloat value,
        BloodPressureUnit unit,
        ObservationFlags flags,
        Validity validity,
        DateTimeOffset receivedAt,
        DateTimeOffset? deviceTime)
    {
        var observation = Create(deviceId, metric, value, flags, validity, receivedAt, deviceTime);
        if (unit != BloodPressureUnit.Kilopascal || observation.Validity == Validity.Invalid)
        {
            return observation;
        }

        double kilopascal = observation.Value;
        return observation with
        {
            Value = kilopascal * MillimetresOfMercuryPerKilopascal,
            Flags = observation.Flags | ObservationFlags.Converted,
            OriginalValue = kilopascal,
            OriginalUnit = KilopascalUnit,
        };
    }

    private static ObservationFlags SpecialFlag(MderSpecial special) => special switch
    {
        MderSpecial.NaN => ObservationFlags.NotANumber,
        MderSpecial.PositiveInfinity => ObservationFlags.PositiveInfinity,
        MderSpecial.NegativeInfinity => ObservationFlags.NegativeInfinity,
        _ => ObservationFlags.NotAtResolution, // NRes and the reserved value: "not a number at this resolution".
    };
}
