using Milvus.Local.Spatial;
using Milvus.Protocol.Schema;
using NetTopologySuite.Geometries;

namespace Milvus.Local.Columns;

/// <summary>GEOMETRY: normalised WKT per row (empty for null rows), parsed into shapes on first use by a filter.</summary>
public sealed class GeometryColumn(string[] values, bool[]? validity = null)
    : Column(DataType.Geometry, values.Length, validity)
{
    private Geometry?[]? _shapes;

    public string[] Values { get; } = values;

    /// <summary>The row's shape, or null for a null row.</summary>
    public Geometry? Shape(int row)
    {
        if (IsNull(row) || Values[row].Length == 0) return null;
        var shapes = _shapes ??= new Geometry?[Length];
        return shapes[row] ??= WktGeometry.TryParse(Values[row], out _);
    }
}
