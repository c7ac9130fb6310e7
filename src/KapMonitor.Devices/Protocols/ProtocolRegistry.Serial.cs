using KapMonitor.Devices.Protocols.Contec;
using KapMonitor.Devices.Protocols.Generic;
using KapMonitor.Devices.Protocols.Masimo;
using KapMonitor.Devices.Protocols.Nonin;
using KapMonitor.Devices.Protocols.SunTech;

namespace KapMonitor.Devices.Protocols;

/// <summary>Serial (and TCP-bridged serial) protocol families.</summary>
public static partial class ProtocolRegistry
{
    static partial void AddSerialProtocols(Dictionary<string, Func<ProtocolContext, IDeviceProtocol>> map)
    {
        map["nonin-df2"] = c => new NoninPacketProtocol(c, dataFormat7: false);
        map["nonin-df7"] = c => new NoninPacketProtocol(c, dataFormat7: true);
        map["nonin-df8"] = c => new NoninDf8Protocol(c);
        map["nonin-df13"] = c => new NoninDf13Protocol(c);
        map["masimo-ascii"] = c => new MasimoAsciiProtocol(c);
        map["contec-legacy"] = c => new ContecLegacyProtocol(c);
        map["contec-v7"] = c => new ContecV7Protocol(c);
        map["suntech-advantage"] = c => new SunTechAdvantageProtocol(c);
        map["generic-line"] = c => new GenericLineProtocol(c);
    }
}
