using System.Text.Json;
using KapMonitor.Devices.Protocols;
using KapMonitor.Simulators.Devices;
using KapMonitor.Simulators.Outputs;

namespace KapMonitor.Simulators.Tests;

/// <summary>
/// The service's side of a device link, in miniature and without I/O: the real protocol (from
/// <see cref="ProtocolRegistry"/>) writes its commands into the simulated device and decodes what comes back.
/// </summary>
internal sealed class LinkLoop
{
    private readonly IDeviceProtocol _protocol;
    private readonly List<byte> _pending = [];
    private readonly byte[] _commands = new byte[256];

    public LinkLoop(string protocolId, SimulatedDevice device, MemorySimulatorOutput output, string? optionsJson = null)
    {
        var options = optionsJson is null ? (JsonElement?)null : JsonDocument.Parse(optionsJson).RootElement.Clone();
        _protocol = ProtocolRegistry.Create(protocolId, new ProtocolContext("sim-1", options));
        Device = device;
        Output = output;
    }

    public SimulatedDevice Device { get; }

    public MemorySimulatorOutput Output { get; }

    public CollectingSink Sink { get; } = new();

    /// <summary>
    /// Runs from <paramref name="from"/> to <paramref name="to"/> in 100 ms steps, feeding bytes to the decoder in
    /// uneven chunks; <paramref name="requestAt"/> says when the service asks for a measurement.
    /// </summary>
    public void Run(TimeSpan from, TimeSpan to, Func<TimeSpan, bool>? requestAt = null, Action<TimeSpan>? afterTick = null)
    {
        var chunk = 1;
        for (var t = from; t <= to; t += TimeSpan.FromMilliseconds(100))
        {
            var request = requestAt?.Invoke(t) == true ? DeviceRequest.StartMeasurement : DeviceRequest.None;
            SendCommands(new ProtocolTick(t - from, t == from, request));
            Device.Tick(t);
            afterTick?.Invoke(t);
            _pending.AddRange(Output.Take());

            // Uneven chunks exercise the decoders' partial-frame handling on real streams.
            while (_pending.Count > 0)
            {
                chunk = (chunk * 7 % 23) + 1;
                var size = Math.Min(_pending.Count, chunk * 11);
                var consumed = _protocol.Decode(_pending.GetRange(0, size).ToArray(), Repo.Start + t, Sink);
                if (consumed == 0 && size < _pending.Count)
                {
                    consumed = _protocol.Decode(_pending.ToArray(), Repo.Start + t, Sink);
                }

                if (consumed == 0)
                {
                    break;
                }

                _pending.RemoveRange(0, consumed);
                SendCommands(new ProtocolTick(t - from, false, DeviceRequest.None));
            }
        }
    }

    private void SendCommands(ProtocolTick tick)
    {
        var n = _protocol.WriteCommands(tick, _commands);
        if (n > 0)
        {
            Output.Inject(_commands.AsSpan(0, n));
        }
    }
}
