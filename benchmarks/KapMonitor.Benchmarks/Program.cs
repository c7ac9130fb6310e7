using BenchmarkDotNet.Running;

// Each area adds its benchmark classes under its own folder; run one with
//   dotnet run -c Release --project benchmarks/KapMonitor.Benchmarks -- --filter '*Decode*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
