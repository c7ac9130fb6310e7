namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Why the gate is not clear, as bits so the evaluation does not allocate.</summary>
[Flags]
internal enum GateReasons
{
    None = 0,
    NoBaseline = 1,
    NoSpo2 = 2,
    SystolicHigh = 4,
    DiastolicHigh = 8,
    Spo2Low = 16,
}
