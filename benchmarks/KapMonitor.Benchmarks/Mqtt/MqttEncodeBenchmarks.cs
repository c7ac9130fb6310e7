using System.Buffers;
using BenchmarkDotNet.Attributes;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Benchmarks.Mqtt;

/// <summary>Encode/decode cost of a typical vitals PUBLISH; the reused writer should allocate nothing per packet.</summary>
[MemoryDiagnoser]
public class MqttEncodeBenchmarks
{
    private readonly MqttPacketWriter _writer = new();
    private MqttPublishPacket _qos0V311 = null!;
    private MqttPublishPacket _qos1V500 = null!;
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        _qos0V311 = new MqttPublishPacket { Topic = "kapmonitor/v1/clinic-a/room-1/vitals", Payload = """{"spo2":97,"pr":72}"""u8.ToArray() };
        _qos1V500 = _qos0V311 with
        {
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 7,
            Properties = new MqttProperties { MessageExpiryInterval = 60, ContentType = "application/json", UserProperties = [new("unit", "%")] },
        };
        _encoded = _writer.Encode(_qos1V500, MqttProtocolVersion.V500).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int EncodePublishQos0V311() => _writer.Encode(_qos0V311, MqttProtocolVersion.V311).Length;

    [Benchmark]
    public int EncodePublishQos1V500WithProperties() => _writer.Encode(_qos1V500, MqttProtocolVersion.V500).Length;

    [Benchmark]
    public int DecodePublishQos1V500WithProperties()
    {
        var buffer = new ReadOnlySequence<byte>(_encoded);
        MqttPacketReader.TryRead(ref buffer, MqttProtocolVersion.V500, out var packet);
        return ((MqttPublishPacket)packet!).Payload.Length;
    }
}
