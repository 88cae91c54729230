using Grpc.Core;
using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Protocol.Api;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;
using static Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types;
using SchemaAction = Milvus.Protocol.Api.AlterCollectionSchemaRequest.Types.Action;
using Status = Milvus.Protocol.Common.Status;

namespace Milvus.Local;

// Schema evolution (Milvus 3.0 AlterCollectionSchema): add a nullable/defaulted field, drop a field, drop a function
// with its output fields. Validation and messages follow Milvus's proxy alterCollectionSchemaTask and rootcoord's
// drop-field design (system/key/last-vector fields stay, field ids are never reused: max_field_id property).
public sealed partial class LocalMilvusService
{
    /// <summary>Collection property that keeps the highest field id ever used, so a dropped field's id is never reused.</summary>
    internal const string MaxFieldIdProperty = "max_field_id";

    private static readonly HashSet<string> s_systemFieldNames = new(StringComparer.Ordinal) { "$rowid", "$timestamp", "$meta", "$namespace" };

    public override Task<AlterCollectionSchemaResponse> AlterCollectionSchema(AlterCollectionSchemaRequest request, ServerCallContext context)
        => Locked(context, () =>
        {
            var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
            switch (request.Action?.OpCase)
            {
                case SchemaAction.OpOneofCase.AddRequest:
                    AddFields(c, request.Action.AddRequest);
                    break;
                case SchemaAction.OpOneofCase.DropRequest:
                    DropFromSchema(c, request.Action.DropRequest);
                    break;
                default:
                    throw MilvusError.InvalidParameter("action is nil in alter schema task");
            }
            return new AlterCollectionSchemaResponse { AlterStatus = Ok() };
        });

    /// <summary>Milvus 3.0 AddCollectionStructField: a nullable ARRAY of STRUCT on an existing collection; stored rows read it as null.</summary>
    public override Task<Status> AddCollectionStructField(AddCollectionStructFieldRequest request, ServerCallContext context) => Locked(context, () =>
    {
        var c = _core.Collection(DbName(request.DbName, context), request.CollectionName);
        var s = request.StructArrayFieldSchema?.Clone() ?? throw MilvusError.InvalidParameter("empty new struct array field schema");
        StructArrayRules.ValidateAdded(c.Name, c.Schema, s);
        StructArrayRules.AssignIds(s, NextFieldId(c));
        c.Schema.StructArrayFields.Add(s);
        CommitSchemaChange(c);
        return Ok();
    });

    private void AddFields(CollectionMeta c, AddRequest add)
    {
        if (add.FuncSchema.Count > 0)
        {
            AddFunctionField(c, add);
            return;
        }
        if (add.FieldInfos.Count == 0) throw MilvusError.InvalidParameter("fieldInfos is empty, function output fields are required");
        if (add.FieldInfos.Count != 1) throw MilvusError.InvalidParameter("For now, only one field info is supported in alter schema task");
        var field = add.FieldInfos[0].FieldSchema ?? throw MilvusError.InvalidParameter("empty new field schema in alter schema task");
        AddField(c, field.Clone());
    }

    /// <summary>Adds one validated field (AddCollectionField and AlterCollectionSchema's add): old rows read its default or null.</summary>
    private void AddField(CollectionMeta c, FieldSchema field)
    {
        SchemaValidator.ValidateAddedField(c.Name, c.Schema, field);
        field.FieldID = NextFieldId(c);
        field.State = FieldState.FieldCreated;
        var dynamicIndex = c.Schema.Fields.ToList().FindIndex(f => f.IsDynamic);
        if (dynamicIndex >= 0) c.Schema.Fields.Insert(dynamicIndex, field);
        else c.Schema.Fields.Add(field);
        CommitSchemaChange(c);
    }

    /// <summary>
    /// add_function_field: a BM25 function with its output field (not nullable, unlike other added fields) and that
    /// field's index; rows already stored get their sparse vectors computed from their text when read.
    /// </summary>
    private void AddFunctionField(CollectionMeta c, AddRequest add)
    {
        if (add.FuncSchema.Count != 1 || add.FieldInfos.Count != 1)
            throw MilvusError.InvalidParameter("add function field requires exactly one function and one output field");
        var info = add.FieldInfos[0];
        var field = info.FieldSchema?.Clone() ?? throw MilvusError.InvalidParameter("empty new field schema in alter schema task");
        var function = add.FuncSchema[0].Clone();
        var candidate = c.Schema.Clone();
        candidate.Fields.Add(field);
        candidate.Functions.Add(function);
        FunctionRules.Validate(candidate);
        SchemaValidator.ValidateField(c.Name, field);
        if (c.Schema.Fields.Any(f => f.Name == field.Name)) throw MilvusError.InvalidParameter($"duplicate field name: {field.Name}");
        if (c.Schema.Fields.Count(f => VectorTypes.IsVector(f.DataType)) >= SchemaValidator.MaxVectorFields)
            throw MilvusError.Plain($"maximum vector field's number should be limited to {SchemaValidator.MaxVectorFields}");
        var parameters = IndexRules.Validate(field, IndexRules.Normalize(info.ExtraParams));
        field.FieldID = NextFieldId(c);
        field.State = FieldState.FieldCreated;
        var dynamicIndex = c.Schema.Fields.ToList().FindIndex(f => f.IsDynamic);
        if (dynamicIndex >= 0) c.Schema.Fields.Insert(dynamicIndex, field);
        else c.Schema.Fields.Add(field);
        function.Id = c.Schema.Functions.Select(f => f.Id).DefaultIfEmpty(FunctionRules.FirstFunctionId - 1).Max() + 1;
        c.Schema.Functions.Add(function);
        FunctionRules.AssignIds(c.Schema);
        var indexName = string.IsNullOrEmpty(info.IndexName) ? field.Name : info.IndexName;
        c.Indexes.Add(new IndexMeta { Id = (long)_core.Oracle.Next(), Name = indexName, FieldId = field.FieldID, Params = parameters, CreatedTs = _core.Oracle.Last });
        CommitSchemaChange(c);
        _core.Indexes.Refresh(c.Id);
    }

    private void DropFromSchema(CollectionMeta c, DropRequest drop)
    {
        switch (drop.IdentifierCase)
        {
            case DropRequest.IdentifierOneofCase.FieldName:
                DropFields(c, [ValidateDropField(c.Schema, drop.FieldName)]);
                break;
            case DropRequest.IdentifierOneofCase.FieldId:
                var byId = c.Schema.Fields.FirstOrDefault(f => f.FieldID == drop.FieldId)
                    ?? throw MilvusError.InvalidParameter($"field not found: {drop.FieldId}");
                DropFields(c, [ValidateDropField(c.Schema, byId.Name)]);
                break;
            case DropRequest.IdentifierOneofCase.FunctionName:
                if (string.IsNullOrEmpty(drop.FunctionName)) throw MilvusError.InvalidParameter("function name is empty");
                var function = c.Schema.Functions.FirstOrDefault(f => f.Name == drop.FunctionName)
                    ?? throw MilvusError.InvalidParameter($"function not found: {drop.FunctionName}");
                var outputs = c.Schema.Fields.Where(f => function.OutputFieldIds.Contains(f.FieldID)).ToList();
                c.Schema.Functions.Remove(function);
                foreach (var output in outputs) output.IsFunctionOutput = false;
                if (drop.DropFunctionOutputFields) DropFields(c, outputs);
                else CommitSchemaChange(c);
                break;
            default:
                throw MilvusError.InvalidParameter("field name is empty");
        }
    }

    /// <summary>Milvus's validateDropField, in its order.</summary>
    private static FieldSchema ValidateDropField(CollectionSchema schema, string name)
    {
        if (string.IsNullOrEmpty(name)) throw MilvusError.InvalidParameter("field name is empty");
        if (s_systemFieldNames.Contains(name) && !schema.Fields.Any(f => f.Name == name && f.IsDynamic))
            throw MilvusError.InvalidParameter($"cannot drop system field: {name}");
        var field = schema.Fields.FirstOrDefault(f => f.Name == name) ?? throw MilvusError.InvalidParameter($"field not found: {name}");
        if (field.IsDynamic) throw MilvusError.InvalidParameter($"cannot drop dynamic field: {name}, use AlterCollection to disable dynamic schema instead");
        if (field.IsPrimaryKey) throw MilvusError.InvalidParameter($"cannot drop primary key field: {name}");
        if (field.IsPartitionKey) throw MilvusError.InvalidParameter($"cannot drop partition key field: {name}");
        if (field.IsClusteringKey) throw MilvusError.InvalidParameter($"cannot drop clustering key field: {name}");
        if (VectorTypes.IsVector(field.DataType) && schema.Fields.Count(f => VectorTypes.IsVector(f.DataType)) == 1)
            throw MilvusError.InvalidParameter($"cannot drop the last vector field: {name}");
        return field;
    }

    /// <summary>Removes fields and their indexes; their stored columns stay but are never read again (ids are not reused).</summary>
    private void DropFields(CollectionMeta c, IReadOnlyList<FieldSchema> fields)
    {
        var maxFieldId = NextFieldId(c) - 1;
        var ids = fields.Select(f => f.FieldID).ToHashSet();
        foreach (var field in fields) c.Schema.Fields.Remove(field);
        c.Indexes.RemoveAll(i => ids.Contains(i.FieldId));
        PropertyBag.Apply(c.Properties, [new KeyValuePair { Key = MaxFieldIdProperty, Value = maxFieldId.ToString(System.Globalization.CultureInfo.InvariantCulture) }], []);
        CommitSchemaChange(c);
        if (_core.LoadedData(c.Id) is not null)
        {
            // Reload so loaded segments and their indexes forget the dropped columns.
            _core.Release(c.Id);
            _core.Load(c);
        }
    }

    private void CommitSchemaChange(CollectionMeta c)
    {
        c.Schema.Version++;
        c.UpdatedTs = _core.Oracle.Next();
        _core.Write(tx => _core.SaveCollection(c, tx));
        _core.LoadedData(c.Id)?.UpdateSchema(c.Schema);
    }

    /// <summary>Milvus's nextFieldID: above every current field and the persisted max_field_id.</summary>
    private static long NextFieldId(CollectionMeta c)
    {
        var max = StructArrays.MaxFieldId(c.Schema);
        if (PropertyBag.Get(c.Properties, MaxFieldIdProperty) is { } text && long.TryParse(text, out var persisted)) max = Math.Max(max, persisted);
        return max + 1;
    }
}
