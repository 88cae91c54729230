using Milvus.Local.Catalog;
using Milvus.Local.Errors;
using Milvus.Local.Time;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Data;

/// <summary>
/// Where TIMESTAMPTZ crosses the wire as text (Milvus's proxy): ISO strings in inserts and schema defaults become
/// UTC microseconds; query and search replies, and describe's defaults, carry RFC 3339 strings in a timezone.
/// </summary>
internal static class TimestamptzValues
{
    /// <summary>The collection's <c>timezone</c> property, else UTC.</summary>
    public static string CollectionTimezone(IEnumerable<KeyValuePair> properties) =>
        PropertyBag.Get(properties, Timestamptz.TimezoneKey) is { Length: > 0 } zone ? zone : Timestamptz.DefaultTimezone;

    /// <summary>A request's <c>timezone</c> parameter (checked), else the collection's.</summary>
    public static string RequestTimezone(IEnumerable<KeyValuePair> requestParams, CollectionMeta c)
    {
        if (PropertyBag.Get(requestParams, Timestamptz.TimezoneKey) is not { } zone) return CollectionTimezone(c.Properties);
        Timestamptz.CheckZone(zone);
        return zone;
    }

    /// <summary>checkTimestamptzFieldData: an insert's ISO strings as microseconds (a copy; other payloads pass through).</summary>
    public static FieldData ToMicros(FieldData data, string timezone)
    {
        if (data.Scalars?.DataCase != ScalarField.DataOneofCase.StringData) return data;
        var converted = data.Clone();
        var strings = data.Scalars.StringData.Data;
        var fullLength = data.ValidData.Count == strings.Count;
        var micros = new TimestamptzArray();
        for (var i = 0; i < strings.Count; i++)
        {
            if (fullLength && !data.ValidData[i]) { micros.Data.Add(0); continue; }
            try { micros.Data.Add(Timestamptz.ParseMicros(strings[i], timezone)); }
            catch (FormatException)
            {
                throw MilvusError.InvalidParameter($"got invalid timestamptz string '{strings[i]}': invalid timezone name; must be a valid IANA Time Zone ID (e.g., 'Asia/Shanghai' or 'UTC')");
            }
        }
        converted.Scalars = new ScalarField { TimestamptzData = micros };
        return converted;
    }

    /// <summary>timestamptzUTC2IsoStr: reply columns of TIMESTAMPTZ fields as RFC 3339 strings in <paramref name="timezone"/>.</summary>
    public static void ToText(IEnumerable<FieldData> columns, string timezone)
    {
        foreach (var column in columns)
        {
            if (column.Type != DataType.Timestamptz || column.Scalars?.DataCase != ScalarField.DataOneofCase.TimestamptzData) continue;
            var text = new StringArray();
            text.Data.Add(column.Scalars.TimestamptzData.Data.Select(m => Timestamptz.Format(m, timezone)));
            column.Scalars = new ScalarField { StringData = text };
        }
    }

    /// <summary>CheckAndRewriteTimestampTzDefaultValue: a string default becomes microseconds in the collection's timezone.</summary>
    public static void DefaultToMicros(FieldSchema field, string timezone)
    {
        if (field.DataType != DataType.Timestamptz || field.DefaultValue?.DataCase != ValueField.DataOneofCase.StringData) return;
        try { field.DefaultValue = new ValueField { TimestamptzData = Timestamptz.ParseMicros(field.DefaultValue.StringData, timezone) }; }
        catch (FormatException e) { throw MilvusError.InvalidParameter(e.Message); }
    }

    /// <summary>RewriteTimestampTzDefaultValueToString: describe shows defaults as text in the collection's timezone.</summary>
    public static void DefaultsToText(CollectionSchema schema, string timezone)
    {
        foreach (var field in schema.Fields)
            if (field.DataType == DataType.Timestamptz && field.DefaultValue?.DataCase == ValueField.DataOneofCase.TimestamptzData)
                field.DefaultValue = new ValueField { StringData = Timestamptz.Format(field.DefaultValue.TimestamptzData, timezone) };
    }
}
