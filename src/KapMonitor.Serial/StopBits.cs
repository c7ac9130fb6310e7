namespace KapMonitor.Serial;

/// <summary>Number of stop bits.</summary>
public enum StopBits
{
    /// <summary>One stop bit.</summary>
    One,
    /// <summary>Two stop bits (CSTOPB).</summary>
    Two,
}
