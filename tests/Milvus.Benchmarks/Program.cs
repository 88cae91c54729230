using BenchmarkDotNet.Running;
using Milvus.Benchmarks.Ann;

// "ann [A|B|A,B]" runs the side-by-side ANN benchmark, "bm25 [rows]" the full-text one, "storage" the insert/memory/reopen one, "ann-profile" the per-layer cost of one HNSW search, "ann-scaling" each layer on 1 and 2 threads, "ann-callers" engine HNSW and hnswlib-node on 1 and 2 callers only, "ann-flat [A|B]" the exact-scan rows only, "ann-server" the served path taken apart (docs/performance.md); anything
// else goes to BenchmarkDotNet, e.g. --filter '*Filter*'.
if (args.Length > 0 && args[0] == "ann") return AnnBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "ann-server") return ServerPathBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "ann-flat") return AnnBenchmark.RunFlat(args[1..]);
if (args.Length > 0 && args[0] == "ann-pq") return PqBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "ann-quantized") return QuantizedAnnBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "storage") return Milvus.Benchmarks.Storage.StorageBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "ann-profile") return SearchProfile.Run(args[1..]);
if (args.Length > 0 && args[0] == "ann-callers") return AnnBenchmark.RunCallers(args[1..]);
if (args.Length > 0 && args[0] == "ann-scaling") return CallerScaling.Run(args[1..]);
if (args.Length > 0 && args[0] == "bm25") return Milvus.Benchmarks.FullText.Bm25Benchmark.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
