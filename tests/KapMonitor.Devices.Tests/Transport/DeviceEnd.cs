using KapMonitor.Testing;
using System.Text;
using KapMonitor.Devices.Transport;

namespace KapMonitor.Devices.Tests.Transport;

/// <summary>The test's side of a byte channel: plays the device, collects what the host sent as text.</summary>
internal sealed class DeviceEnd(IByteChannel channel)
{
    private readonly StringBuilder _received = new();

    public IByteChannel Channel => channel;

    public ValueTask SendAsync(string text) => channel.WriteAsync(Encoding.ASCII.GetBytes(text), CancellationToken.None);

    /// <summary>Reads until everything the host sent so far contains <paramref name="expected"/>; returns it all.</summary>
    public async Task<string> ReceiveUntilAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        var buffer = new byte[256];
        while (!_received.ToString().Contains(expected, StringComparison.Ordinal))
        {
            try
            {
                var n = await channel.ReadAsync(buffer, timeout.Token);
                _received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Host never sent \"{expected.ReplaceLineEndings("\\n")}\"; got \"{_received.ToString().ReplaceLineEndings("\\n")}\".");
            }
        }

        return _received.ToString();
    }
}
