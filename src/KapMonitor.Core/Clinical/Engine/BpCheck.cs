namespace KapMonitor.Core.Clinical.Engine;

/// <summary>Outcome of the discharge BP criterion, as a code so the evaluation does not allocate.</summary>
internal enum BpCheck
{
    Met = 0,
    NoBaseline,
    TooFewReadings,
    Stale,
    OutsideBaseline,
    AboveCeiling,
    Rising,
}
