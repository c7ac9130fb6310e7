using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KapMonitor.Mqtt;
using KapMonitor.Mqtt.Client;
using KapMonitor.Mqtt.Packets;
using KapMonitor.Testing.Peers;
using Microsoft.Data.Sqlite;

namespace KapMonitor.Benchmarks.Pipeline;

/// <summary>
/// The floor under the pipeline's alarm latency on this machine: what a minimal implementation of "read the
/// violating frame, make it durable, publish it at QoS 1" reaches, with the same peers and the same
/// measurement as <see cref="PipelineBenchmark"/> (last byte written to the pty to the event at the subscriber).
/// One dedicated thread does a blocking read(2) of the pty, one durable write and one send(2) of a pre-encoded MQTT
/// 3.1.1 PUBLISH on a socket it owns: no decoder, engine, thread hand-off or task. The durable write alternates
/// between a SQLite insert in WAL mode with <c>synchronous=FULL</c> (the journal's durability), the same with
/// <c>synchronous=OFF</c> (what the fsync costs) and one <c>O_DSYNC</c> write in place to a preallocated file (the
/// cheapest durable write), and a fourth mode writes nothing durable (the path's wake-ups and system calls alone).
/// The path thread also times each durable write by itself, and a paced phase gives the CPU floor per reading: the
/// path thread's own CPU time while one normal frame a millisecond arrives and each goes out as a QoS 0 vitals PUBLISH.
/// Run: <c>... -- floor [alarms=1000] [gap=20] [readings=5000] [socat=1]</c> (as for the pipeline bench).
/// </summary>
internal static class FloorBenchmark
{
    private const string Topic = "kapmonitor-floor/alarms";
    private const string VitalsTopic = "kapmonitor-floor/vitals";
    private const int PayloadBytes = 600; // about an alarm.raised event's size
    private const int VitalsPayloadBytes = 300; // about a vitals message's size

    public static async Task<int> RunAsync(string[] args)
    {
        var alarms = PipelineBenchmark.Argument(args, "alarms", 1000);
        var gap = PipelineBenchmark.Argument(args, "gap", 0);
        var readings = PipelineBenchmark.Argument(args, "readings", 5000);
        var socat = PipelineBenchmark.Argument(args, "socat", 0) != 0;
        await using var mosquitto = await MosquittoFixture.StartAsync();
        await using var pty = await DevicePty.OpenAsync(socat);
        Console.WriteLine($"KapMonitor alarm-latency floor: {alarms} alarms per mode, {gap} ms apart; {pty.Description}; {Environment.ProcessorCount} CPUs; load average {PipelineBenchmark.LoadAverage()}");
        using var work = new TempDirectory("kapmon-floor");
        var listener = new AlarmListener();
        await using var subscriber = new MqttClient(new MqttClientOptions { Host = mosquitto.Host, Port = mosquitto.Port, ClientId = "floor-tablet" })
        {
            MessageHandler = listener.OnMessageAsync,
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(Topic, MqttQualityOfService.AtLeastOnce);

        var device = pty.Device;
        using var path = new FloorPath(pty.TtyPath, work.Combine("floor.db"), mosquitto.Host, mosquitto.Port);
        foreach (var durability in (FloorDurability[])[.. Enum.GetValues<FloorDurability>(), .. Enum.GetValues<FloorDurability>()])
        {
            path.Durability = durability;
            await PipelineBenchmark.MeasureAlarmsAsync(device, listener, 200); // warm-up, and the mode switch settles
            path.TakeWriteTimes();
            var latencies = await PipelineBenchmark.MeasureAlarmsAsync(device, listener, alarms, gap);
            var writes = path.TakeWriteTimes();
            Console.WriteLine($"Floor, {Describe(durability)}, n = {alarms}:");
            PipelineBenchmark.PrintLatencies(latencies);
            if (durability != FloorDurability.None)
            {
                Console.WriteLine($"  of it the durable write alone (raise and clear, n = {writes.Length}):");
                PipelineBenchmark.PrintLatencies(writes);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"CPU per reading, floor: the path thread's CPU time, one normal frame per ms, each sent as a QoS 0 vitals PUBLISH, n = {readings} (target <= 10 us/reading):");
        path.Vitals = true;
        foreach (var durability in Enum.GetValues<FloorDurability>())
        {
            path.Durability = durability;
            FeedPaced(device, path, 200); // the mode switch settles
            var cpu = path.Cpu();
            FeedPaced(device, path, readings);
            var used = (path.Cpu() - cpu).TotalMicroseconds;
            Console.WriteLine($"  {Describe(durability),-70} {used / readings,6:F1} us/frame  {used / (2.0 * readings),6:F1} us/observation");
        }

        Console.WriteLine($"Load average after {PipelineBenchmark.LoadAverage()}");
        return 0;
    }

    private static string Describe(FloorDurability durability) => durability switch
    {
        FloorDurability.SqliteFull => "SQLite WAL, synchronous=FULL (fsync per commit, as the journal)",
        FloorDurability.SqliteOff => "SQLite WAL, synchronous=OFF (no fsync)",
        FloorDurability.None => "no durable write (read and send only)",
        _ => "one 4 KiB O_DSYNC write in place to a preallocated file (no SQLite)",
    };

    private enum FloorDurability
    {
        SqliteFull,
        SqliteOff,
        FileDsync,
        None,
    }

    /// <summary>Writes <paramref name="frames"/> normal frames one millisecond apart and waits until the path has read them.</summary>
    private static void FeedPaced(FileStream device, FloorPath path, int frames)
    {
        var target = path.Frames + frames;
        var deadline = Stopwatch.StartNew();
        for (var i = 0; i < frames; i++)
        {
            PipelineBenchmark.WriteNormal(device);
            Thread.Sleep(1);
        }

        while (path.Frames < target)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"The floor path read {frames - (target - path.Frames)} of {frames} frames.");
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// The single thread: pty read, SQLite commit, MQTT send; plus a thread that drains the PUBACKs. The path thread
    /// owns the tty and the database and ends when the pty goes away (a blocking read(2) is not woken by close(2)).
    /// </summary>
    private sealed class FloorPath : IDisposable
    {
        private readonly FileStream _tty;
        private readonly SqliteConnection _db;
        private readonly Socket _socket;
        private readonly Thread _thread;
        private readonly Thread _drain;

        private const int SlotBytes = 4096;
        private const int Slots = 256;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _file;
        private readonly List<double> _writeTimes = [];
        private volatile FloorDurability _durability;
        private volatile bool _vitals;
        private long _frames;
        private volatile int _tid;

        /// <summary>How each record is made durable before its PUBLISH is sent; applied before the next record.</summary>
        public FloorDurability Durability
        {
            set => _durability = value;
        }

        /// <summary>Normal frames go out as a QoS 0 vitals PUBLISH instead of a QoS 1 <c>alarm.cleared</c>.</summary>
        public bool Vitals
        {
            set => _vitals = value;
        }

        /// <summary>DF8 frames read so far.</summary>
        public long Frames => Interlocked.Read(ref _frames);

        /// <summary>The path thread's CPU time so far.</summary>
        public TimeSpan Cpu() => ThreadCpu.Of(_tid);

        /// <summary>Milliseconds each durable write took since the last call, in the order made.</summary>
        public double[] TakeWriteTimes()
        {
            lock (_writeTimes)
            {
                var times = _writeTimes.ToArray();
                _writeTimes.Clear();
                return times;
            }
        }

        public FloorPath(string ttyPath, string dbPath, string host, int port)
        {
            _tty = new FileStream(ttyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            _db = new SqliteConnection($"Data Source={dbPath};Pooling=False");
            _db.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE records (seq INTEGER PRIMARY KEY, at INTEGER, payload BLOB);");

            // Written through once and synced, so later writes overwrite allocated blocks: no metadata to journal.
            var filePath = dbPath + ".log";
            using (var init = File.OpenHandle(filePath, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(init, new byte[SlotBytes * Slots], 0);
                RandomAccess.FlushToDisk(init);
            }

            _file = File.OpenHandle(filePath, FileMode.Open, FileAccess.Write, FileShare.Read, FileOptions.WriteThrough);

            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket.Connect(host, port);
            _socket.Send(MqttPacketWriter.EncodeToArray(new MqttConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "floor-room" }, MqttProtocolVersion.V311));
            var connack = new byte[4];
            using (var stream = new NetworkStream(_socket, ownsSocket: false))
            {
                stream.ReadExactly(connack);
            }

            if (connack[0] != 0x20 || connack[3] != 0)
            {
                throw new InvalidOperationException($"The broker refused the floor's CONNECT: {Convert.ToHexString(connack)}");
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "floor path" };
            _drain = new Thread(Drain) { IsBackground = true, Name = "floor pubacks" };
            _thread.Start();
            _drain.Start();
            SpinWait.SpinUntil(() => _tid != 0);
        }

        private void Run()
        {
            _tid = ThreadCpu.CurrentId();
            using var insert = _db.CreateCommand();
            insert.CommandText = "INSERT INTO records (at, payload) VALUES ($at, $payload)";
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            insert.Prepare();
            var raised = Publish(1, "alarm.raised");
            var cleared = Publish(2, "alarm.cleared");
            var vitals = MqttPacketWriter.EncodeToArray(
                new MqttPublishPacket { Topic = VitalsTopic, Payload = Padded("{\"spo2\":97,\"pr\":72,\"pad\":\"", VitalsPayloadBytes) },
                MqttProtocolVersion.V311);
            var buffer = new byte[64];
            var slot = new byte[SlotBytes];
            var slotIndex = 0L;
            var durability = FloorDurability.SqliteFull;
            try
            {
                var held = 0; // bytes of a frame cut by the last read
                while (true)
                {
                    var n = _tty.Read(buffer.AsSpan(held));
                    if (n == 0)
                    {
                        return;
                    }

                    if (durability != _durability)
                    {
                        durability = _durability;
                        Execute($"PRAGMA synchronous={(durability == FloorDurability.SqliteOff ? "OFF" : "FULL")};");
                    }

                    // Every DF8 frame (4 bytes; SpO2 is the third) gets its own durable write and PUBLISH, also when
                    // one read returns several.
                    var available = held + n;
                    var frames = available / 4;
                    for (var f = 0; f < frames; f++)
                    {
                        var low = buffer[(f * 4) + 2] <= 91;
                        var packet = low ? raised : _vitals ? vitals : cleared;
                        var started = Stopwatch.GetTimestamp();
                        switch (durability)
                        {
                            case FloorDurability.FileDsync:
                                packet.CopyTo(slot, 0);
                                RandomAccess.Write(_file, slot, (slotIndex++ % Slots) * SlotBytes);
                                break;
                            case FloorDurability.SqliteFull or FloorDurability.SqliteOff:
                                at.Value = started;
                                payload.Value = packet;
                                insert.ExecuteNonQuery(); // autocommit: one transaction, fsynced when synchronous=FULL
                                break;
                        }

                        if (durability != FloorDurability.None)
                        {
                            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                            lock (_writeTimes)
                            {
                                _writeTimes.Add(took);
                            }
                        }

                        _socket.Send(packet);
                    }

                    held = available % 4;
                    buffer.AsSpan(frames * 4, held).CopyTo(buffer);
                    Interlocked.Add(ref _frames, frames);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                // The pty or the socket went away: the run is over.
            }
            finally
            {
                _tty.Dispose();
                _db.Dispose();
                _file.Dispose();
            }
        }

        private void Drain()
        {
            var buffer = new byte[4096];
            try
            {
                while (_socket.Receive(buffer) > 0)
                {
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        private void Execute(string sql)
        {
            using var command = _db.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        /// <summary>Closes the MQTT socket; the path thread ends when the pty pair is disposed.</summary>
        public void Dispose()
        {
            _socket.Dispose();
            _drain.Join();
        }

        /// <summary>A QoS 1 PUBLISH with a JSON-ish payload padded to an event's size, encoded once by the library's writer.</summary>
        private static byte[] Publish(ushort packetId, string type) =>
            MqttPacketWriter.EncodeToArray(
                new MqttPublishPacket
                {
                    Topic = Topic,
                    Payload = Padded($"{{\"type\":\"{type}\",\"data\":{{\"alarm\":{{\"metric\":\"spo2\"}}}},\"pad\":\"", PayloadBytes),
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    PacketId = packetId,
                },
                MqttProtocolVersion.V311);

        /// <summary>An open JSON string padded with 'x' and closed, <paramref name="bytes"/> long.</summary>
        private static byte[] Padded(string open, int bytes) => Encoding.ASCII.GetBytes(open.PadRight(bytes - 2, 'x') + "\"}");
    }
}
