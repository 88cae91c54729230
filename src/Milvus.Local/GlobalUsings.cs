// The engine speaks Milvus's protocol: KeyValuePair means common.KeyValuePair (properties, params) everywhere.
global using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;
