using Google.Protobuf;
using Milvus.Client.Internal.Conversion;
using Milvus.Client.Internal.Transport;
using Milvus.Protocol.Api;
using static Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types;
using SchemaAction = Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.Action;
using KeyValuePair = Milvus.Protocol.Common.KeyValuePair;

namespace Milvus.Client;

/// <summary>Milvus 3.0 schema evolution (pymilvus 3.0 AlterCollectionSchema and the calls built on it).</summary>
public sealed partial class AsyncMilvusClient
{
    /// <summary>
    /// pymilvus <c>add_function_field(collection_name, field_schema, func, index_params)</c>: adds a function (BM25 → SPARSE_FLOAT_VECTOR,
    /// MinHash → BINARY_VECTOR) with its output field and that field's index, in one AlterCollectionSchema.
    /// </summary>
    public Task AddFunctionFieldAsync(string collectionName, FieldSchema fieldSchema, FunctionSchema function, IndexParams indexParams,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var expected = function.FunctionType switch
        {
            FunctionType.BM25 => DataType.SparseFloatVector,
            FunctionType.MinHash => DataType.BinaryVector,
            _ => throw new ParamError("add_function_field only supports FunctionType.BM25 with SPARSE_FLOAT_VECTOR or FunctionType.MINHASH with "
                + $"BINARY_VECTOR for now, got {function.FunctionType}"),
        };
        if (fieldSchema.DataType != expected)
            throw new ParamError($"add_function_field requires {expected} output field for {function.FunctionType}, got {fieldSchema.DataType}");
        var index = BoundIndex(fieldSchema.Name, indexParams);
        var info = new FieldInfo { FieldSchema = SchemaConverter.ToProto(fieldSchema), IndexName = index.IndexName };
        if (!string.IsNullOrEmpty(index.IndexType)) info.ExtraParams.Add(new KeyValuePair { Key = "index_type", Value = index.IndexType });
        info.ExtraParams.AddRange(KeyValues.FromParams(index.Params));
        var add = new AddRequest();
        add.FieldInfos.Add(info);
        add.FuncSchema.Add(SchemaConverter.ToProto(function));
        return AlterCollectionSchemaAsync("add_function_field", collectionName, new SchemaAction { AddRequest = add }, timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>drop_collection_field(collection_name, field_name="", field_id=0)</c>: exactly one of name or id.</summary>
    public Task DropCollectionFieldAsync(string collectionName, string fieldName = "", long fieldId = 0, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var byName = !string.IsNullOrEmpty(fieldName);
        if (byName == fieldId > 0)
            throw new ParamError("Must specify exactly one valid Drop identifier (drop_field_name/drop_field_id/drop_function_name)");
        var drop = byName ? new DropRequest { FieldName = fieldName } : new DropRequest { FieldId = fieldId };
        return AlterCollectionSchemaAsync("drop_collection_field", collectionName, new SchemaAction { DropRequest = drop }, timeout, cancellationToken);
    }

    /// <summary>pymilvus <c>drop_function_field(collection_name, function_name)</c>: drops the function and its output fields.</summary>
    public Task DropFunctionFieldAsync(string collectionName, string functionName, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(functionName))
            throw new ParamError("Must specify exactly one valid Drop identifier (drop_field_name/drop_field_id/drop_function_name)");
        var drop = new DropRequest { FunctionName = functionName, DropFunctionOutputFields = true };
        return AlterCollectionSchemaAsync("drop_function_field", collectionName, new SchemaAction { DropRequest = drop }, timeout, cancellationToken);
    }

    /// <summary>
    /// pymilvus <c>add_collection_struct_field(collection_name, field_name, struct_schema, max_capacity, desc=None)</c>: a nullable
    /// array-of-struct field (AddCollectionStructField, Milvus 3.0).
    /// </summary>
    public async Task AddCollectionStructFieldAsync(string collectionName, string fieldName, StructFieldSchema structSchema, int maxCapacity,
        string? description = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var field = new FieldSchema(fieldName, DataType.Array, description ?? "") { ElementType = DataType.Struct, StructSchema = structSchema, MaxCapacity = maxCapacity };
        var proto = SchemaConverter.ToStructProto(field);
        // pymilvus sends nullable on the struct and on every sub-field (get_struct_array_field_schema).
        proto.Nullable = true;
        foreach (var sub in proto.Fields) sub.Nullable = true;
        await CallNewRpcAsync("add_collection_struct_field", "AddCollectionStructField",
            new AddCollectionStructFieldRequest { CollectionName = collectionName, StructArrayFieldSchema = proto },
            (c, r, o) => c.AddCollectionStructFieldAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        InvalidateSchema(collectionName);
    }

    /// <summary>
    /// pymilvus 3.0 add_collection_field: AlterCollectionSchema first; the legacy AddCollectionField when the server answers UNIMPLEMENTED
    /// (Milvus 2.6) or refuses schema alteration of an external collection.
    /// </summary>
    private async Task AddCollectionFieldCoreAsync(string collectionName, FieldSchema field, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (SchemaConverter.IsVector(field.DataType) && !field.Nullable)
            throw new ParamError($"Adding vector field {field.Name} to existing collection requires nullable=True");
        var add = new AddRequest();
        add.FieldInfos.Add(new FieldInfo { FieldSchema = SchemaConverter.ToProto(field) });
        var fallBack = false;
        try
        {
            var reply = await CallAsync("AlterCollectionSchema", new AlterCollectionSchemaRequest { CollectionName = collectionName, Action = new SchemaAction { AddRequest = add } },
                (c, r, o) => c.AlterCollectionSchemaAsync(r, o), timeout, cancellationToken, checkStatus: false).ConfigureAwait(false);
            fallBack = IsExternalCollectionAlterUnsupported(reply.AlterStatus);
            if (!fallBack && !RpcStatus.IsSuccess(reply.AlterStatus)) throw RpcStatus.ToException(reply.AlterStatus, "AlterCollectionSchema");
        }
        catch (MilvusException e) when (IsUnimplemented(e))
        {
            fallBack = true;
        }
        if (fallBack)
        {
            await CallAsync("AddCollectionField", new AddCollectionFieldRequest { CollectionName = collectionName, Schema = SchemaConverter.ToProto(field).ToByteString() },
                (c, r, o) => c.AddCollectionFieldAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        }
        InvalidateSchema(collectionName);
    }

    /// <summary>pymilvus utils.is_external_collection_schema_alter_unsupported.</summary>
    private static bool IsExternalCollectionAlterUnsupported(Milvus.Protocol.Common.Status? status)
        => status is not null && (status.Code == 1100 || status.ErrorCode == Milvus.Protocol.Common.ErrorCode.IllegalArgument)
           && status.Reason.Contains("alter collection schema operation is not supported for external collection", StringComparison.Ordinal);

    private async Task AlterCollectionSchemaAsync(string method, string collectionName, SchemaAction action, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var reply = await CallNewRpcAsync(method, "AlterCollectionSchema", new AlterCollectionSchemaRequest { CollectionName = collectionName, Action = action },
            (c, r, o) => c.AlterCollectionSchemaAsync(r, o), timeout, cancellationToken).ConfigureAwait(false);
        if (!RpcStatus.IsSuccess(reply.AlterStatus)) throw RpcStatus.ToException(reply.AlterStatus, "AlterCollectionSchema");
        InvalidateSchema(collectionName);
    }

    /// <summary>pymilvus extract_bound_index_param: exactly one index, on the output field (or unnamed), with an explicit type.</summary>
    private static IndexParam BoundIndex(string outputFieldName, IndexParams indexParams)
    {
        if (indexParams.Count != 1) throw new ParamError("index_params must contain exactly one index for the function output field");
        var index = indexParams[0];
        if (index.FieldName.Length > 0 && index.FieldName != outputFieldName)
            throw new ParamError($"index_params field_name '{index.FieldName}' does not match the function output field '{outputFieldName}'");
        if (string.IsNullOrEmpty(index.IndexType))
            throw new ParamError("an explicit index_type is required for the bound index of the function output field");
        return index;
    }
}
