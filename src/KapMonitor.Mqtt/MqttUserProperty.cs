namespace KapMonitor.Mqtt;

/// <summary>A 5.0 User Property (id 0x26): a UTF-8 string pair; repeatable, order preserved (5.0 §3.3.2.3.7).</summary>
/// <param name="Name">Property name.</param>
/// <param name="Value">Property value.</param>
public readonly record struct MqttUserProperty(string Name, string Value);
