using Milvus.Local.Columns;
using Milvus.Local.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Milvus.Local.Expressions;

/// <summary>The st_* relations of Milvus's GISFunctionFilterExpr (row geometry first, the literal second).</summary>
internal enum SpatialOp { Equals, Touches, Overlaps, Crosses, Contains, Intersects, Within, DWithin, IsValid }

/// <summary>
/// <c>st_op(field, 'WKT')</c>, <c>st_dwithin(field, 'POINT', meters)</c> and <c>st_isvalid(field)</c> over a GEOMETRY
/// column, with NetTopologySuite's OGC predicates (the DE-9IM relations GDAL/GEOS answer in Milvus). Null rows never match.
/// </summary>
internal sealed class SpatialPredicate(ColumnRef column, SpatialOp op, Geometry? target, double distance) : Predicate
{
    public override Truth Evaluate(EvalContext context)
    {
        var result = new bool[context.RowCount];
        if (context.Column(column.Name) is not GeometryColumn geometries) return Truth.FromLeaf(result, new bool[context.RowCount]);
        // The literal is the fixed operand: prepare it once for the relations that have a prepared form.
        var prepared = target is null || op is SpatialOp.Equals or SpatialOp.DWithin ? null : PreparedGeometryFactory.Prepare(target);
        for (var row = 0; row < result.Length; row++)
            if (geometries.Shape(row) is { } shape) result[row] = Matches(shape, prepared);
        var valid = geometries.Validity;
        return Truth.FromLeaf(result, valid);
    }

    // Prepared relations answer "literal R row", so row-first relations use their converse.
    private bool Matches(Geometry shape, IPreparedGeometry? literal) => op switch
    {
        SpatialOp.Equals => shape.EqualsTopologically(target),
        SpatialOp.Touches => literal!.Touches(shape),
        SpatialOp.Overlaps => literal!.Overlaps(shape),
        SpatialOp.Crosses => literal!.Crosses(shape),
        SpatialOp.Contains => literal!.Within(shape),
        SpatialOp.Intersects => literal!.Intersects(shape),
        SpatialOp.Within => literal!.Contains(shape),
        SpatialOp.DWithin => WktGeometry.WithinMeters(shape, (Point)target!, distance),
        _ => shape.IsValid,
    };
}
