namespace KapMonitor.Simulators.Interop;

/// <summary>open(2) flag values shared by Linux x86_64 and aarch64 (asm-generic/fcntl.h).</summary>
internal static class OpenFlags
{
    internal const int ReadWrite = 0x2;
    internal const int NoControllingTty = 0x100;
    internal const int NonBlocking = 0x800;
    internal const int CloseOnExec = 0x80000;
}
