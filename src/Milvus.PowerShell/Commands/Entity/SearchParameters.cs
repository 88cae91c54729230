using System.Collections;
using Milvus.PowerShell.Internal;

namespace Milvus.PowerShell.Commands;

/// <summary>
/// Builds pymilvus's search_params / AnnSearchRequest param dictionary: {"metric_type": ..., "params": {...}} from
/// -MetricType and -SearchParameter. A -SearchParameter that already has a "params" key is taken as the whole
/// dictionary (pymilvus style); otherwise its keys are the index search parameters (ef, nprobe, radius...).
/// </summary>
internal static class SearchParameters
{
    public static Dictionary<string, object?> Build(string? metricType, Hashtable? searchParameter)
    {
        var given = PropertyConversion.ToDictionary(searchParameter);
        Dictionary<string, object?> result;
        if (given.Keys.Any(k => string.Equals(k, "params", StringComparison.OrdinalIgnoreCase)))
        {
            result = given;
        }
        else
        {
            result = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (given.Count > 0)
            {
                result["params"] = given;
            }
        }

        if (!string.IsNullOrEmpty(metricType))
        {
            result["metric_type"] = metricType;
        }

        return result;
    }
}
