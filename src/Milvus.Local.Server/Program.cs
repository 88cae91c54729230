// Milvus.Local.Server: serves the local engine over gRPC. Implemented with issue 4.
Console.Error.WriteLine("Milvus.Local.Server is not implemented yet");
return 1;
