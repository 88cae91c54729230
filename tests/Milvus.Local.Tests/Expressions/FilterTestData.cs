using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Milvus.Local.Columns;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Expressions;

/// <summary>An in-memory row set: named columns of equal length.</summary>
internal sealed class TestRowSet(int rowCount, Dictionary<string, Column> columns) : IRowSet
{
    public int RowCount { get; } = rowCount;

    public Column? GetColumn(string fieldName) => columns.GetValueOrDefault(fieldName);
}

/// <summary>Loads tests/data/filter-cases.json: builds the collection schema, a row set of its rows, and its cases.</summary>
internal static class FilterTestData
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllBytes(FindDataFile())));

    public static JsonElement Root => Document.Value.RootElement;

    public static CollectionSchema Schema { get; } = BuildSchema(Root.GetProperty("collection"));

    public static TestRowSet Rows { get; } = BuildRows(Schema, Root.GetProperty("rows"));

    public static long[] Ids { get; } = Root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();

    public static IEnumerable<JsonElement> Cases => Root.GetProperty("cases").EnumerateArray();

    private static string FindDataFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "filter-cases.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/data/filter-cases.json not found above " + AppContext.BaseDirectory);
    }

    private static DataType TypeOf(string name) => name switch
    {
        "JSON" => DataType.Json,
        _ => Enum.Parse<DataType>(name),
    };

    public static CollectionSchema BuildSchema(JsonElement collection)
    {
        var schema = new CollectionSchema { Name = "filter_cases" };
        long id = 100;
        foreach (var f in collection.GetProperty("fields").EnumerateArray())
        {
            var field = new FieldSchema
            {
                FieldID = id++,
                Name = f.GetProperty("name").GetString(),
                DataType = TypeOf(f.GetProperty("type").GetString()!),
                IsPrimaryKey = f.TryGetProperty("primary", out var p) && p.GetBoolean(),
                Nullable = f.TryGetProperty("nullable", out var n) && n.GetBoolean(),
            };
            if (f.TryGetProperty("element_type", out var e)) field.ElementType = TypeOf(e.GetString()!);
            foreach (var key in new[] { "dim", "max_length", "max_capacity", "enable_analyzer", "enable_match" })
            {
                if (f.TryGetProperty(key, out var v))
                    field.TypeParams.Add(new Milvus.Protocol.Common.KeyValuePair { Key = key, Value = v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean().ToString().ToLowerInvariant() : v.ToString() });
            }
            schema.Fields.Add(field);
        }
        if (collection.TryGetProperty("enable_dynamic_field", out var dyn) && dyn.GetBoolean())
        {
            schema.EnableDynamicField = true;
            schema.Fields.Add(new FieldSchema { FieldID = id, Name = "$meta", DataType = DataType.Json, IsDynamic = true });
        }
        return schema;
    }

    public static TestRowSet BuildRows(CollectionSchema schema, JsonElement rowsJson)
    {
        var rows = rowsJson.EnumerateArray().ToArray();
        var columns = new Dictionary<string, Column>();
        var known = schema.Fields.Where(f => !f.IsDynamic).Select(f => f.Name).ToHashSet();
        foreach (var field in schema.Fields)
        {
            if (field.IsDynamic)
            {
                columns[field.Name] = new JsonColumn(rows.Select(r => Encoding.UTF8.GetBytes(DynamicPart(r, known))).ToArray());
                continue;
            }
            var values = rows.Select(r => r.TryGetProperty(field.Name, out var v) && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null).ToArray();
            var validity = field.Nullable ? values.Select(v => v is not null).ToArray() : null;
            columns[field.Name] = field.DataType switch
            {
                DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 =>
                    new Int64Column(field.DataType, values.Select(v => v?.GetInt64() ?? 0).ToArray(), validity),
                DataType.Float => new FloatColumn(values.Select(v => (float)(v?.GetDouble() ?? 0)).ToArray(), validity),
                DataType.Double => new DoubleColumn(values.Select(v => v?.GetDouble() ?? 0).ToArray(), validity),
                DataType.Bool => new BoolColumn(values.Select(v => v?.GetBoolean() ?? false).ToArray(), validity),
                DataType.VarChar => new StringColumn(DataType.VarChar, values.Select(v => v?.GetString() ?? "").ToArray(), validity),
                DataType.Json => new JsonColumn(values.Select(v => v is null ? [] : Encoding.UTF8.GetBytes(v.Value.GetRawText())).ToArray(), validity),
                DataType.Array => new ArrayColumn(field.ElementType, values.Select(v => ToArray(field.ElementType, v)).ToArray(), validity),
                DataType.FloatVector => new DenseVectorColumn(DataType.FloatVector, 2,
                    values.SelectMany(v => v!.Value.EnumerateArray().SelectMany(x => BitConverter.GetBytes(x.GetSingle()))).ToArray(), rows.Length, validity),
                _ => throw new NotSupportedException(field.DataType.ToString()),
            };
        }
        return new TestRowSet(rows.Length, columns);
    }

    private static string DynamicPart(JsonElement row, HashSet<string> known)
    {
        var obj = new Dictionary<string, JsonElement>();
        foreach (var property in row.EnumerateObject())
            if (!known.Contains(property.Name)) obj[property.Name] = property.Value;
        return JsonSerializer.Serialize(obj);
    }

    private static Array ToArray(DataType elementType, JsonElement? value)
    {
        var items = value?.EnumerateArray().ToArray() ?? [];
        return elementType switch
        {
            DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 => items.Select(i => i.GetInt64()).ToArray(),
            DataType.Float => items.Select(i => i.GetSingle()).ToArray(),
            DataType.Double => items.Select(i => i.GetDouble()).ToArray(),
            DataType.Bool => items.Select(i => i.GetBoolean()).ToArray(),
            _ => items.Select(i => i.GetString()!).ToArray(),
        };
    }

    /// <summary>JSON template values as pymilvus sends them (ints as int64_val, floats as float_val, lists as arrays).</summary>
    public static Dictionary<string, TemplateValue>? Templates(JsonElement testCase)
    {
        if (!testCase.TryGetProperty("templates", out var templates)) return null;
        return templates.EnumerateObject().ToDictionary(p => p.Name, p => ToTemplate(p.Value));
    }

    private static TemplateValue ToTemplate(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => new TemplateValue { BoolVal = v.GetBoolean() },
        JsonValueKind.Number when v.TryGetInt64(out var l) => new TemplateValue { Int64Val = l },
        JsonValueKind.Number => new TemplateValue { FloatVal = v.GetDouble() },
        JsonValueKind.String => new TemplateValue { StringVal = v.GetString() },
        _ => new TemplateValue { ArrayVal = ToTemplateArray(v) },
    };

    private static TemplateArrayValue ToTemplateArray(JsonElement v)
    {
        var items = v.EnumerateArray().ToArray();
        var array = new TemplateArrayValue();
        if (items.All(i => i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out _)))
            array.LongData = new LongArray { Data = { items.Select(i => i.GetInt64()) } };
        else if (items.All(i => i.ValueKind == JsonValueKind.Number))
            array.DoubleData = new DoubleArray { Data = { items.Select(i => i.GetDouble()) } };
        else if (items.All(i => i.ValueKind == JsonValueKind.String))
            array.StringData = new StringArray { Data = { items.Select(i => i.GetString()) } };
        else if (items.All(i => i.ValueKind is JsonValueKind.True or JsonValueKind.False))
            array.BoolData = new BoolArray { Data = { items.Select(i => i.GetBoolean()) } };
        else
            array.JsonData = new JSONArray { Data = { items.Select(i => ByteString.CopyFromUtf8(i.GetRawText())) } };
        return array;
    }
}
