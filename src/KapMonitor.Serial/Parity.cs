namespace KapMonitor.Serial;

/// <summary>Parity bit of each character.</summary>
public enum Parity
{
    /// <summary>No parity bit.</summary>
    None,
    /// <summary>Odd parity.</summary>
    Odd,
    /// <summary>Even parity.</summary>
    Even,
    /// <summary>Parity bit always 1 (CMSPAR).</summary>
    Mark,
    /// <summary>Parity bit always 0 (CMSPAR).</summary>
    Space,
}
