using System.Collections.ObjectModel;
using System.Management.Automation;
using Milvus.Client;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Builds the PSObjects written for entities (type name Milvus.Entity) and search hits (Milvus.SearchHit): one
/// NoteProperty per field, and a DefaultDisplayPropertySet without vector fields so tables stay readable while
/// <c>Select-Object vector</c> still works.
/// </summary>
internal sealed class EntityOutput
{
    public const string EntityTypeName = "Milvus.Entity";
    public const string HitTypeName = "Milvus.SearchHit";

    private readonly HashSet<string> _vectorFields;

    public EntityOutput(CollectionDescription? collection)
    {
        _vectorFields = new HashSet<string>(
            collection?.Fields.Where(f => IsVector(f.DataType)).Select(f => f.Name) ?? Enumerable.Empty<string>(),
            StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsVector(DataType type) => type is DataType.FloatVector or DataType.BinaryVector or DataType.Float16Vector
        or DataType.BFloat16Vector or DataType.SparseFloatVector or DataType.Int8Vector or DataType.ArrayOfVector;

    public PSObject Entity(IReadOnlyDictionary<string, object?> row)
    {
        var result = new PSObject();
        result.TypeNames.Insert(0, EntityTypeName);
        AddFields(result, row);
        SetDefaultDisplay(result);
        return result;
    }

    public PSObject Hit(SearchHit hit, int rank, int queryIndex)
    {
        var result = new PSObject();
        result.TypeNames.Insert(0, HitTypeName);
        result.Properties.Add(new PSNoteProperty("Rank", rank));
        result.Properties.Add(new PSNoteProperty("Id", hit.Id));
        result.Properties.Add(new PSNoteProperty("Distance", hit.Distance));
        result.Properties.Add(new PSNoteProperty("QueryIndex", queryIndex));
        AddFields(result, hit.Entity);
        SetDefaultDisplay(result);
        return result;
    }

    private static void AddFields(PSObject target, IReadOnlyDictionary<string, object?> fields)
    {
        foreach (var pair in fields)
        {
            if (target.Properties[pair.Key] is null)   // a pk named "id" is already the hit's Id
            {
                target.Properties.Add(new PSNoteProperty(pair.Key, JsonValues.ToOutput(pair.Value)));
            }
        }
    }

    private void SetDefaultDisplay(PSObject target)
    {
        var shown = new Collection<string>(target.Properties.Select(p => p.Name).Where(n => !_vectorFields.Contains(n)).ToList());
        var set = new PSPropertySet("DefaultDisplayPropertySet", shown);
        target.Members.Add(new PSMemberSet("PSStandardMembers", new PSMemberInfo[] { set }));
    }
}
