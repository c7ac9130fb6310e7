using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>
/// 128-bit UUID strings (lowercase, as BlueZ exposes them) of the GATT services and characteristics KapMonitor
/// uses, built on the Bluetooth Base UUID <c>0000xxxx-0000-1000-8000-00805f9b34fb</c>, and the characteristic →
/// protocol id map a BLE transport uses to pick a decoder.
/// </summary>
public static class GattUuids
{
    /// <summary>Blood Pressure service (0x1810).</summary>
    public const string BloodPressureService = "00001810-0000-1000-8000-00805f9b34fb";

    /// <summary>Pulse Oximeter service (0x1822).</summary>
    public const string PulseOximeterService = "00001822-0000-1000-8000-00805f9b34fb";

    /// <summary>Heart Rate service (0x180D).</summary>
    public const string HeartRateService = "0000180d-0000-1000-8000-00805f9b34fb";

    /// <summary>Blood Pressure Measurement (0x2A35, indicate).</summary>
    public const string BloodPressureMeasurement = "00002a35-0000-1000-8000-00805f9b34fb";

    /// <summary>Intermediate Cuff Pressure (0x2A36, notify).</summary>
    public const string IntermediateCuffPressure = "00002a36-0000-1000-8000-00805f9b34fb";

    /// <summary>Blood Pressure Feature (0x2A49, read).</summary>
    public const string BloodPressureFeature = "00002a49-0000-1000-8000-00805f9b34fb";

    /// <summary>PLX Spot-Check Measurement (0x2A5E, indicate).</summary>
    public const string PlxSpotCheckMeasurement = "00002a5e-0000-1000-8000-00805f9b34fb";

    /// <summary>PLX Continuous Measurement (0x2A5F, notify).</summary>
    public const string PlxContinuousMeasurement = "00002a5f-0000-1000-8000-00805f9b34fb";

    /// <summary>PLX Features (0x2A60, read).</summary>
    public const string PlxFeatures = "00002a60-0000-1000-8000-00805f9b34fb";

    /// <summary>Record Access Control Point (0x2A52, write + indicate).</summary>
    public const string RecordAccessControlPoint = "00002a52-0000-1000-8000-00805f9b34fb";

    /// <summary>Heart Rate Measurement (0x2A37, notify).</summary>
    public const string HeartRateMeasurement = "00002a37-0000-1000-8000-00805f9b34fb";

    /// <summary>Body Sensor Location (0x2A38, read).</summary>
    public const string BodySensorLocation = "00002a38-0000-1000-8000-00805f9b34fb";

    /// <summary>Heart Rate Control Point (0x2A39, write).</summary>
    public const string HeartRateControlPoint = "00002a39-0000-1000-8000-00805f9b34fb";

    /// <summary>Date Time (0x2A08; the A&amp;D UA-651BLE exposes it writable inside 0x1810).</summary>
    public const string DateTime = "00002a08-0000-1000-8000-00805f9b34fb";

    /// <summary>Characteristic UUID → protocol id of its decoder (keys compared case-insensitively).</summary>
    public static IReadOnlyDictionary<string, string> ProtocolIds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [BloodPressureMeasurement] = BloodPressureMeasurementProtocol.Id,
        [IntermediateCuffPressure] = IntermediateCuffPressureProtocol.Id,
        [BloodPressureFeature] = BloodPressureFeatureProtocol.Id,
        [PlxSpotCheckMeasurement] = PlxSpotCheckProtocol.Id,
        [PlxContinuousMeasurement] = PlxContinuousProtocol.Id,
        [PlxFeatures] = PlxFeaturesProtocol.Id,
        [HeartRateMeasurement] = HeartRateProtocol.Id,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The 128-bit UUID string of a 16-bit SIG-assigned number (0x2A35 → <c>00002a35-0000-1000-8000-00805f9b34fb</c>).</summary>
    public static string FromShort(ushort assignedNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"0000{assignedNumber:x4}-0000-1000-8000-00805f9b34fb");

    /// <summary>
    /// The lowercase 128-bit form of a UUID written as 128 bits (any case), as a 16-bit assigned number
    /// (<c>2a35</c>, <c>0x2A35</c>, the form device profiles use) or as 32 bits (<c>00002a35</c>); false when it is none of these.
    /// </summary>
    public static bool TryNormalize(string? uuid, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(uuid))
        {
            return false;
        }

        var text = uuid.AsSpan().Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length is 4 or 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint shortForm))
        {
            normalized = string.Create(CultureInfo.InvariantCulture, $"{shortForm:x8}-0000-1000-8000-00805f9b34fb");
            return true;
        }

        if (text.Length == 36 && Guid.TryParseExact(text, "D", out var guid))
        {
            normalized = guid.ToString("D");
            return true;
        }

        return false;
    }

    /// <summary>
    /// The decoder's protocol id for a characteristic UUID in any form <see cref="TryNormalize"/> accepts,
    /// or false when KapMonitor has no decoder for it.
    /// </summary>
    public static bool TryGetProtocolId(string characteristicUuid, [NotNullWhen(true)] out string? protocolId)
    {
        ArgumentNullException.ThrowIfNull(characteristicUuid);
        protocolId = null;
        return TryNormalize(characteristicUuid, out var normalized) && ProtocolIds.TryGetValue(normalized, out protocolId);
    }
}
