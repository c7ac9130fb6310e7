using BenchmarkDotNet.Running;
using KapMonitor.Benchmarks.Pipeline;

// The end-to-end pipeline harness (real peers, printed figures) is not a BenchmarkDotNet class:
//   dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- pipeline [alarms=1000] [readings=20000]
if (args.Length > 0 && args[0] == "pipeline")
{
    return await PipelineBenchmark.RunAsync(args[1..]);
}

// The floor under the alarm latency on this machine (pty read, SQLite fsync, raw MQTT send on one thread):
//   dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- floor [alarms=1000]
if (args.Length > 0 && args[0] == "floor")
{
    return await FloorBenchmark.RunAsync(args[1..]);
}

// Each area adds its benchmark classes under its own folder; run one with
//   dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*Decode*'
BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmark).Assembly).Run(args);
return 0;
