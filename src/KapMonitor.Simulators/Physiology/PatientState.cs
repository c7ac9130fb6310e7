namespace KapMonitor.Simulators.Physiology;

/// <summary>The patient's true vitals at one instant (before any device adds its own artefacts).</summary>
/// <param name="Systolic">Systolic pressure, mmHg.</param>
/// <param name="Diastolic">Diastolic pressure, mmHg.</param>
/// <param name="MeanArterial">Mean arterial pressure, mmHg.</param>
/// <param name="HeartRate">Heart rate, /min.</param>
/// <param name="Spo2">Functional oxygen saturation, %.</param>
/// <param name="PerfusionIndex">Perfusion index, %.</param>
/// <param name="RespiratoryRate">Respiratory rate, /min.</param>
public readonly record struct PatientState(
    double Systolic,
    double Diastolic,
    double MeanArterial,
    double HeartRate,
    double Spo2,
    double PerfusionIndex,
    double RespiratoryRate);
