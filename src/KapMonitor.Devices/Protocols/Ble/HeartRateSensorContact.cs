namespace KapMonitor.Devices.Protocols.Ble;

/// <summary>Sensor Contact Status of Heart Rate Measurement flags bits 1–2 (raw values, kept for byte-exact encoding).</summary>
public enum HeartRateSensorContact : byte
{
    /// <summary>0: sensor contact not supported.</summary>
    NotSupported = 0,
    /// <summary>1: also "not supported" per the SIG definition.</summary>
    NotSupportedAlternate = 1,
    /// <summary>2: supported, but no contact detected.</summary>
    NoContact = 2,
    /// <summary>3: supported and contact detected.</summary>
    InContact = 3,
}
