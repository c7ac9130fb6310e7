using KapMonitor.Core.Clinical.Profiles;

namespace KapMonitor.Core.Tests.Clinical;

/// <summary>The shipped starting-point profiles, loaded from the copies next to the test assembly.</summary>
internal static class Profiles
{
    public static ProtocolProfile Esketamine { get; } = Load("esketamine-rems.jsonc");
    public static ProtocolProfile Kap { get; } = Load("kap-sublingual.jsonc");
    public static ProtocolProfile Iv { get; } = Load("iv-infusion.jsonc");

    public static string PathOf(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "protocol-profiles", file);

    private static ProtocolProfile Load(string file) => ProtocolProfileLoader.LoadFile(PathOf(file));
}
