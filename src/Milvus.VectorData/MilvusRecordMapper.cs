using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace Milvus.VectorData;

/// <summary>
/// Records to Milvus rows (storage names as keys, Guids as text, Half vectors as Half[]) and rows back to records,
/// each value converted to its property's exact .NET type (dynamic records compare by type too).
/// </summary>
internal sealed class MilvusRecordMapper(CollectionModel model)
{
    public IReadOnlyDictionary<string, object?> ToRow(object record, int recordIndex, IReadOnlyList<Embedding>?[]? generatedEmbeddings)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        var key = model.KeyProperty;
        row[key.StorageName] = MilvusKeys.ToStorage(key.GetValueAsObject(record), key);
        foreach (var data in model.DataProperties)
        {
            var value = data.GetValueAsObject(record);
            row[data.StorageName] = value switch
            {
                Guid guid => MilvusKeys.GuidText(guid),
                DateTime or DateTimeOffset => MilvusFieldTypes.ToUtcInstant(value),
                _ => value,
            };
        }
        for (var i = 0; i < model.VectorProperties.Count; i++)
        {
            var vector = model.VectorProperties[i];
            var value = generatedEmbeddings?[i] is { } generated ? generated[recordIndex] : vector.GetValueAsObject(record);
            row[vector.StorageName] = VectorToStorage(value, vector);
        }
        return row;
    }

    /// <summary>A record from a query row or search hit entity (the key under its storage name).</summary>
    public TRecord FromRow<TRecord>(IReadOnlyDictionary<string, object?> row, bool includeVectors)
    {
        var record = model.CreateRecord<TRecord>()!;
        var key = model.KeyProperty;
        key.SetValueAsObject(record, MilvusKeys.FromStorage(row[key.StorageName], key.Type));
        foreach (var data in model.DataProperties)
        {
            if (row.TryGetValue(data.StorageName, out var value)) data.SetValueAsObject(record, Convert(value, data.Type));
        }
        if (includeVectors)
        {
            foreach (var vector in model.VectorProperties)
            {
                if (row.TryGetValue(vector.StorageName, out var value)) vector.SetValueAsObject(record, VectorFromStorage(value, vector.Type));
            }
        }
        return record;
    }

    /// <summary>The fields a read returns: key and data, plus vectors when asked.</summary>
    public IReadOnlyList<string> OutputFields(bool includeVectors)
    {
        var fields = new List<string> { model.KeyProperty.StorageName };
        fields.AddRange(model.DataProperties.Select(d => d.StorageName));
        if (includeVectors) fields.AddRange(model.VectorProperties.Select(v => v.StorageName));
        return fields;
    }

    private static object? VectorToStorage(object? value, VectorPropertyModel vector) => value switch
    {
        null => throw new ArgumentException($"Vector property '{vector.ModelName}' has no value; Milvus vector fields are required."),
        Embedding<float> e => e.Vector,
        ReadOnlyMemory<Half> halves => halves.ToArray(),
        _ => value,
    };

    private static object? VectorFromStorage(object? value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            null => null,
            float[] floats when type == typeof(float[]) => floats,
            float[] floats when type == typeof(ReadOnlyMemory<float>) => new ReadOnlyMemory<float>(floats),
            float[] floats when type == typeof(Embedding<float>) => new Embedding<float>(floats),
            byte[] raw when type == typeof(Half[]) => MemoryMarshal.Cast<byte, Half>(raw).ToArray(),
            byte[] raw when type == typeof(ReadOnlyMemory<Half>) => new ReadOnlyMemory<Half>(MemoryMarshal.Cast<byte, Half>(raw).ToArray()),
            _ => throw new InvalidOperationException($"Milvus returned a {value.GetType().Name} for a vector property of type {type.Name}."),
        };
    }

    /// <summary>A stored scalar or array value as the property's .NET type.</summary>
    internal static object? Convert(object? value, Type type)
    {
        if (value is null) return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        // TIMESTAMPTZ comes back in the request's timezone: the same instant, handed out in UTC.
        if (value is DateTimeOffset instant && type == typeof(DateTimeOffset)) return instant.ToUniversalTime();
        if (value is DateTimeOffset utc && type == typeof(DateTime)) return utc.UtcDateTime;
        if (value.GetType() == type) return value;
        if (type == typeof(Guid)) return Guid.Parse((string)value);
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            throw new InvalidOperationException($"Milvus returned a {value.GetType().Name} for a {type.Name} property.");
        if (MilvusFieldTypes.TryGetArrayElement(type, out var elementType, out _) && value is IEnumerable items)
        {
            var converted = items.Cast<object?>().Select(item => Convert(item, elementType)).ToList();
            if (type.IsArray)
            {
                var array = Array.CreateInstance(elementType, converted.Count);
                for (var i = 0; i < converted.Count; i++) array.SetValue(converted[i], i);
                return array;
            }
            var list = (IList)Activator.CreateInstance(type)!;
            foreach (var item in converted) list.Add(item);
            return list;
        }
        return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }
}
