namespace KapMonitor.Simulators.Behaviour;

/// <summary>What a finished NIBP cycle reports. Pressures are 0 when the cycle failed.</summary>
/// <param name="Systolic">Systolic, mmHg.</param>
/// <param name="Diastolic">Diastolic, mmHg.</param>
/// <param name="MeanArterial">MAP, mmHg.</param>
/// <param name="HeartRate">Pulse rate, /min.</param>
/// <param name="BeatCount">Heart beats detected during deflation.</param>
/// <param name="Fault">Why it failed, or <see cref="NibpFault.None"/>.</param>
public readonly record struct NibpResult(int Systolic, int Diastolic, int MeanArterial, int HeartRate, int BeatCount, NibpFault Fault)
{
    /// <summary>True when the cycle produced a reading.</summary>
    public bool Succeeded => Fault == NibpFault.None;
}
