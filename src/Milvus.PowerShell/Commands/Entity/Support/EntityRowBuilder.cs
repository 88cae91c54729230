using System.Collections;
using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Turns one input object (hashtable, PSCustomObject, Import-Csv row, Milvus.Entity, any .NET object) into a row for
/// insert/upsert, following the collection schema: property names match field names case-insensitively, values are
/// converted by field type, unknown properties go to the dynamic field (or are reported), and required fields that are
/// missing are reported. Problems come back as <see cref="RowProblem"/>s, so the cmdlet decides how to report them.
/// </summary>
internal sealed class EntityRowBuilder
{
    private readonly Dictionary<string, FieldSchema> _fields;
    private readonly bool _dynamic;
    private readonly bool _upsert;
    private readonly bool _partial;

    public EntityRowBuilder(CollectionDescription collection, bool upsert, bool partial)
    {
        _fields = collection.Fields.Where(f => !f.IsDynamic).ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _dynamic = collection.EnableDynamicField;
        _upsert = upsert;
        _partial = partial;
    }

    /// <summary>Properties dropped because the collection has no dynamic field (reported by the cmdlet).</summary>
    public List<string> DroppedProperties { get; } = new();

    /// <summary>The row, or null with <paramref name="problem"/> set.</summary>
    public Dictionary<string, object?>? Build(object input, out RowProblem? problem)
    {
        problem = null;
        DroppedProperties.Clear();
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Properties(input))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            if (!_fields.TryGetValue(name, out FieldSchema? field))
            {
                if (_dynamic)
                {
                    row[name] = PropertyConversion.UnwrapDeep(value);
                }
                else
                {
                    DroppedProperties.Add(name);
                }

                continue;
            }

            if (field.IsFunctionOutput)
            {
                problem = new RowProblem("MilvusEntityFunctionOutputGiven", $"field '{field.Name}' is the output of a function and is computed by Milvus; remove it from the input");
                return null;
            }

            if (value is null || FieldValueConverter.IsEmptyCell(value, field.DataType))
            {
                if (field.Nullable || field.HasDefaultValue || (field.IsPrimary && field.AutoId && !_upsert))
                {
                    continue;   // the server fills nulls and defaults; valid_data says "no value"
                }

                problem = new RowProblem("MilvusEntityMissingField", $"field '{field.Name}' ({field.DataType}) is required but has no value");
                return null;
            }

            try
            {
                row[field.Name] = FieldValueConverter.Convert(value, field);
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                problem = new RowProblem("MilvusEntityInvalidValue", $"field '{field.Name}' ({field.DataType}): {ex.Message}");
                return null;
            }
        }

        foreach (FieldSchema field in _fields.Values)
        {
            if (row.ContainsKey(field.Name) || !IsRequired(field))
            {
                continue;
            }

            problem = new RowProblem("MilvusEntityMissingField", $"field '{field.Name}' ({field.DataType}) is required but missing");
            return null;
        }

        return row;
    }

    private bool IsRequired(FieldSchema field)
    {
        if (field.IsFunctionOutput || field.Nullable || field.HasDefaultValue)
        {
            return false;
        }

        if (field.IsPrimary)
        {
            return _upsert || !field.AutoId;
        }

        return !_partial;
    }

    /// <summary>The name/value pairs of any input object.</summary>
    private static IEnumerable<(string Name, object? Value)> Properties(object input)
    {
        object baseObject = input is PSObject ps ? ps.BaseObject : input;
        if (baseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                yield return (entry.Key.ToString() ?? string.Empty, entry.Value);
            }

            yield break;
        }

        if (baseObject is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                yield return (pair.Key, pair.Value);
            }

            yield break;
        }

        foreach (PSPropertyInfo property in PSObject.AsPSObject(input).Properties)
        {
            if (property.IsGettable && property.MemberType is not PSMemberTypes.CodeProperty and not PSMemberTypes.ScriptProperty)
            {
                yield return (property.Name, property.Value);
            }
        }
    }
}

/// <summary>Why a row was refused: a stable ErrorId and a message (without the row number, which the cmdlet adds).</summary>
internal sealed record RowProblem(string ErrorId, string Message);
