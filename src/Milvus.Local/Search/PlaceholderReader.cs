using Milvus.Protocol.Common;

namespace Milvus.Local.Search;

/// <summary>
/// Reads a serialized PlaceholderGroup of one placeholder (tag, type, values) straight from the request's bytes, so a
/// search decodes its vectors without building the group and a copy of every value first. Any other shape (several
/// placeholders, unknown fields, a truncated or malformed message) is refused, and the caller parses the group with
/// the generated parser, which words the errors.
/// </summary>
internal static class PlaceholderReader
{
    private const uint PlaceholdersField = (1 << 3) | 2; // PlaceholderGroup.placeholders, length-delimited
    private const uint TagField = (1 << 3) | 2;          // PlaceholderValue.tag, length-delimited
    private const uint TypeField = 2 << 3;               // PlaceholderValue.type, varint
    private const uint ValuesField = (3 << 3) | 2;       // PlaceholderValue.values, length-delimited

    /// <summary>The one placeholder of <paramref name="group"/>: its type, its fields and how many values it holds.</summary>
    public static bool TryRead(ReadOnlySpan<byte> group, out PlaceholderType type, out ReadOnlySpan<byte> placeholder, out int count)
    {
        type = PlaceholderType.None;
        placeholder = default;
        count = 0;
        if (!TryVarint(ref group, out var tag) || tag != PlaceholdersField || !TryBytes(ref group, out placeholder) || !group.IsEmpty) return false;
        var rest = placeholder;
        while (!rest.IsEmpty)
        {
            if (!TryVarint(ref rest, out tag)) return false;
            if (tag == TypeField)
            {
                if (!TryVarint(ref rest, out var value)) return false;
                type = (PlaceholderType)(int)value;
            }
            else if (tag is TagField or ValuesField)
            {
                if (!TryBytes(ref rest, out _)) return false;
                if (tag == ValuesField) count++;
            }
            else return false;
        }
        return true;
    }

    /// <summary>The next value of a placeholder that <see cref="TryRead"/> accepted; false after the last one.</summary>
    public static bool NextValue(scoped ref ReadOnlySpan<byte> placeholder, out ReadOnlySpan<byte> value)
    {
        value = default;
        while (!placeholder.IsEmpty)
        {
            TryVarint(ref placeholder, out var tag);
            if (tag == TypeField) TryVarint(ref placeholder, out _);
            else
            {
                TryBytes(ref placeholder, out value);
                if (tag == ValuesField) return true;
            }
        }
        return false;
    }

    private static bool TryBytes(scoped ref ReadOnlySpan<byte> span, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryVarint(ref span, out var length) || length > (ulong)span.Length) return false;
        bytes = span[..(int)length];
        span = span[(int)length..];
        return true;
    }

    private static bool TryVarint(ref ReadOnlySpan<byte> span, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 10 && i < span.Length; i++)
        {
            value |= (ulong)(span[i] & 0x7F) << (7 * i);
            if (span[i] < 0x80)
            {
                span = span[(i + 1)..];
                return true;
            }
        }
        return false;
    }
}
