// Milvus.Local.Server: serves a local Milvus database file over gRPC for any Milvus SDK (see ServerCommandLine.Usage).
using Milvus.Local.Server;

return await ServerProgram.RunAsync(args);
