namespace KapMonitor.Simulators.Interop;

/// <summary>errno values we act on (asm-generic/errno-base.h, same on x86_64 and aarch64).</summary>
internal static class Errno
{
    internal const int Interrupted = 4;
    internal const int InputOutput = 5;
    internal const int TryAgain = 11;
}
