using Milvus.Local.Errors;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Milvus.Local.Spatial;

/// <summary>
/// GEOMETRY values: Well-Known Text in and out (as Milvus's proxy and GDAL do), parsed by NetTopologySuite.
/// Milvus stores WKB internally; the engine keeps the normalised WKT, which round-trips the same shape.
/// </summary>
internal static class WktGeometry
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>Parses WKT; null with the parser's reason when the text is not a geometry.</summary>
    public static Geometry? TryParse(string wkt, out string error)
    {
        error = "";
        try
        {
            var geometry = new WKTReader(Factory.GeometryServices).Read(wkt);
            if (geometry is not null) return geometry;
            error = "empty input";
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            error = e.Message;
        }
        return null;
    }

    /// <summary>An inserted value: parsed and written back as normalised WKT (<c>POINT (1 2)</c>), or Milvus's insert error.</summary>
    public static string NormalizeInsert(string wkt) =>
        Format(TryParse(wkt, out var error) ?? throw InvalidData(error));

    /// <summary>An inserted WKB value (geometry_data) as normalised WKT.</summary>
    public static string FromWkb(byte[] wkb)
    {
        try
        {
            return Format(new WKBReader(Factory.GeometryServices).Read(wkb));
        }
        catch (Exception e) when (e is ParseException or ArgumentException or IOException or InvalidOperationException)
        {
            throw InvalidData(e.Message);
        }
    }

    public static string Format(Geometry geometry) => new WKTWriter().Write(geometry);

    // validate_util.go checkGeometryFieldData
    private static MilvusError InvalidData(string reason) =>
        MilvusError.InvalidParameter($"invalid Geometry data, transform to wkb failed: {reason}");

    /// <summary>Great-circle distance in meters (Milvus's haversine, earth radius 6371000 m) between two lon/lat points.</summary>
    public static double HaversineMeters(double lon1, double lat1, double lon2, double lat2)
    {
        const double R = 6371000.0;
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Rad(lat2) - Rad(lat1);
        var dLon = Rad(lon2) - Rad(lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return R * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    /// <summary>
    /// ST_DWITHIN as segcore's Geometry::dwithin: point to point by haversine; any other shape by its planar
    /// distance in degrees, converted to meters at the query point's latitude.
    /// </summary>
    public static bool WithinMeters(Geometry data, Point query, double meters)
    {
        if (data is Point p && !p.IsEmpty) return HaversineMeters(p.X, p.Y, query.X, query.Y) <= meters;
        const double metersPerDegreeLat = 111320.0;
        var latRad = query.Y * Math.PI / 180.0;
        var metersPerDegree = metersPerDegreeLat * Math.Sqrt((1.0 + Math.Cos(latRad) * Math.Cos(latRad)) / 2.0);
        return data.Distance(query) * metersPerDegree <= meters;
    }
}
