global using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;
