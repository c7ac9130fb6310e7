namespace KapMonitor.Simulators.Outputs;

/// <summary>
/// The BLE seam: a GATT server that sends characteristic values as notifications or indications, one
/// message each (a BlueZ peripheral can implement this later). <see cref="ISimulatorOutput.Write"/> is not
/// used by BLE devices; <see cref="ISimulatorOutput.SetAttached"/> stands for connect/disconnect.
/// </summary>
public interface IGattSimulatorOutput : ISimulatorOutput
{
    /// <summary>Sends one value of <paramref name="characteristic"/> (16-bit SIG UUID, e.g. 0x2A35).</summary>
    void Notify(ushort characteristic, ReadOnlySpan<byte> value);
}
