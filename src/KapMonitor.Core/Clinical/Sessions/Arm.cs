namespace KapMonitor.Core.Clinical.Sessions;

/// <summary>
/// The arm a device is worn on. A cuff inflating on one arm cuts off the pulse at a finger of the same arm only, so
/// an oximeter on the other arm keeps reading true while the cuff measures.
/// </summary>
public enum Arm
{
    /// <summary>The patient's left arm.</summary>
    Left,

    /// <summary>The patient's right arm.</summary>
    Right,
}
