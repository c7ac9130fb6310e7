using System.Buffers;
using System.Threading.Channels;
using KapMonitor.Mqtt.Channels;
using KapMonitor.Mqtt.Packets;

namespace KapMonitor.Mqtt.Tests.Client;

/// <summary>An in-memory broker end of one connection: records what the client writes (decoded) and feeds it replies.</summary>
internal sealed class FakeChannel(MqttProtocolVersion version) : IMqttChannel
{
    private static readonly TimeSpan s_ioTimeout = TimeSpan.FromSeconds(30);
    private readonly Channel<byte[]> _inbound = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<MqttPacket> _sent = Channel.CreateUnbounded<MqttPacket>();
    private readonly Channel<byte[]> _sentRaw = Channel.CreateUnbounded<byte[]>();
    private readonly MqttPacketWriter _writer = new();
    private byte[] _pending = [];
    private byte[] _written = [];

    public bool Disposed { get; private set; }

    public MqttProtocolVersion Version { get; set; } = version;

    public ValueTask ConnectAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_pending.Length == 0)
        {
            if (!await _inbound.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            _inbound.Reader.TryRead(out var chunk);
            _pending = chunk ?? [];
        }

        var n = Math.Min(buffer.Length, _pending.Length);
        _pending.AsSpan(0, n).CopyTo(buffer.Span);
        _pending = _pending[n..];
        return n;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Disposed)
        {
            throw new MqttCommunicationException("fake channel closed");
        }

        _written = [.. _written, .. data.Span];
        var sequence = new ReadOnlySequence<byte>(_written);
        var start = sequence.Start;
        while (MqttPacketReader.TryRead(ref sequence, Version, out var packet))
        {
            _sentRaw.Writer.TryWrite(new ReadOnlySequence<byte>(_written).Slice(start, sequence.Start).ToArray());
            start = sequence.Start;
            _sent.Writer.TryWrite(packet!);
        }

        _written = sequence.ToArray();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _inbound.Writer.TryComplete();
        _sent.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next packet the client wrote (waits on I/O, bounded).</summary>
    public async Task<MqttPacket> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(s_ioTimeout);

    public async Task<T> NextSentAsync<T>() where T : MqttPacket => Assert.IsType<T>(await NextSentAsync());

    public async Task<byte[]> NextSentRawAsync() => await _sentRaw.Reader.ReadAsync().AsTask().WaitAsync(s_ioTimeout);

    public bool TryTakeSent(out MqttPacket? packet) => _sent.Reader.TryRead(out packet);

    public void Reply(MqttPacket packet) => _inbound.Writer.TryWrite(_writer.Encode(packet, Version).ToArray());

    public void ReplyRaw(byte[] bytes) => _inbound.Writer.TryWrite(bytes);

    public void CloseFromBroker() => _inbound.Writer.TryComplete();

    /// <summary>Reads the CONNECT and answers CONNACK.</summary>
    public async Task<MqttConnectPacket> AcceptAsync(bool sessionPresent = false, MqttProperties? properties = null)
    {
        var connect = await NextSentAsync<MqttConnectPacket>();
        Reply(new MqttConnAckPacket { SessionPresent = sessionPresent, Properties = properties ?? MqttProperties.Empty });
        return connect;
    }
}
