using System.Globalization;
using System.Text.RegularExpressions;
using Milvus.Local.Errors;

namespace Milvus.Local.Time;

/// <summary>
/// TIMESTAMPTZ values as Milvus handles them (pkg/util/timestamptz): stored as int64 microseconds since the Unix
/// epoch in UTC, parsed from ISO 8601 / RFC 3339 text (naive text in the collection's or request's timezone),
/// written back as RFC 3339 in a timezone with at most six fraction digits and no trailing zeros.
/// </summary>
internal static partial class Timestamptz
{
    /// <summary>The property (collection, database) and request parameter naming a timezone.</summary>
    public const string TimezoneKey = "timezone";
    public const string DefaultTimezone = "UTC";
    private const int MaxOffsetHours = 14;
    private const int MinOffsetHours = -12;

    // 2025-01-02T15:04:05[.fraction][Z|+08:00], also with a space separator (PostgreSQL style, which also takes +08).
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}(?::\d{2})?)?$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")]
    private static partial Regex DurationPattern();

    /// <summary>Milvus's ParseTimeTz: microseconds UTC; a <see cref="FormatException"/> with Milvus's reason otherwise.</summary>
    public static long ParseMicros(string text, string defaultTimezone)
    {
        var m = TimestampPattern().Match(text);
        var offsetText = m.Success ? m.Groups[9].Value : "";
        // RFC 3339 ('T') offsets need minutes; the short "+08" form is only read with a space separator.
        if (!m.Success || (offsetText.Length == 3 && m.Groups[4].Value == "T"))
            throw Invalid($"invalid timestamp string: '{text}'. Does not match any known format");
        DateTime local;
        try
        {
            local = new DateTime(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value),
                int.Parse(m.Groups[5].Value), int.Parse(m.Groups[6].Value), int.Parse(m.Groups[7].Value), DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Invalid($"invalid timestamp string: '{text}'. Does not match any known format");
        }
        var fraction = m.Groups[8].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction[1..].PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        local = local.AddTicks(ticks);
        DateTime utc;
        if (offsetText.Length == 0) utc = TimeZoneInfo.ConvertTimeToUtc(local, Zone(defaultTimezone));
        else
        {
            var offset = offsetText == "Z" ? TimeSpan.Zero : ParseOffset(offsetText);
            if (offset.TotalHours > MaxOffsetHours || offset.TotalHours < MinOffsetHours)
                throw Invalid($"UTC offset hour {(int)offset.TotalHours} is out of the valid range [{MinOffsetHours}, {MaxOffsetHours}]");
            utc = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }

    private static TimeSpan ParseOffset(string text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = text.Length > 3 ? int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture) : 0;
        return sign * new TimeSpan(hours, minutes, 0);
    }

    /// <summary>RFC 3339 in <paramref name="timezone"/>: <c>2025-01-02T08:00:00.5+08:00</c>, <c>Z</c> for a zero offset.</summary>
    public static string Format(long micros, string timezone)
    {
        var utc = DateTime.UnixEpoch.AddTicks(micros * 10);
        var zone = Zone(timezone);
        var offset = zone.GetUtcOffset(utc);
        var local = utc + offset;
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (local.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        if (fraction.Length > 0) text += "." + fraction;
        return text + (offset == TimeSpan.Zero ? "Z" : (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>An IANA timezone (e.g. <c>Asia/Shanghai</c>, <c>UTC</c>); null when unknown.</summary>
    public static TimeZoneInfo? TryZone(string name)
    {
        if (name.Length == 0) return null;
        if (name == "UTC") return TimeZoneInfo.Utc;
        try { return TimeZoneInfo.FindSystemTimeZoneById(name); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    public static bool IsValidZone(string name) => TryZone(name) is not null;

    private static TimeZoneInfo Zone(string name) =>
        TryZone(name) ?? throw Invalid($"unknown or invalid IANA Time Zone ID: {name}");

    /// <summary>Checks a <c>timezone</c> property or request parameter as the proxy does (code 1100).</summary>
    public static void CheckZone(string name)
    {
        if (!IsValidZone(name)) throw MilvusError.InvalidParameter($"unknown or invalid IANA Time Zone ID: {name}");
    }

    /// <summary>An ISO 8601 duration (<c>P1Y2M3DT4H5M6S</c>) of the filter's INTERVAL.</summary>
    public static Interval ParseInterval(string text)
    {
        var m = DurationPattern().Match(text);
        if (!m.Success) throw new Expressions.FilterSemanticException($"invalid ISO 8601 duration: {text}");
        long Part(int i) => m.Groups[i].Success ? long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        return new Interval(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
    }

    private static FormatException Invalid(string message) => new(message);
}

/// <summary>An INTERVAL: calendar years/months/days and clock hours/minutes/seconds, added in UTC.</summary>
internal readonly record struct Interval(long Years, long Months, long Days, long Hours, long Minutes, long Seconds)
{
    /// <summary><paramref name="micros"/> plus (sign +1) or minus (sign -1) this interval; calendar parts first.</summary>
    public long Apply(long micros, int sign)
    {
        var t = DateTime.UnixEpoch.AddTicks(micros * 10);
        try
        {
            t = t.AddMonths((int)(sign * (Years * 12 + Months))).AddDays(sign * Days)
                .AddTicks(sign * (Hours * TimeSpan.TicksPerHour + Minutes * TimeSpan.TicksPerMinute + Seconds * TimeSpan.TicksPerSecond));
        }
        catch (ArgumentOutOfRangeException)
        {
            return sign > 0 ? long.MaxValue : long.MinValue;
        }
        return (t.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }
}
