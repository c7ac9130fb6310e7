namespace KapMonitor.Serial.Interop;

/// <summary>open(2) flags, octal in the headers (bits/fcntl-linux.h).</summary>
internal static class OpenFlags
{
    public const int ReadWrite = 0x2;          // O_RDWR     02
    public const int NoControllingTty = 0x100; // O_NOCTTY   0400
    public const int NonBlocking = 0x800;      // O_NONBLOCK 04000
    public const int CloseOnExec = 0x80000;    // O_CLOEXEC  02000000
}
