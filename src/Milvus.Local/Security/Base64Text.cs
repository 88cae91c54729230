using System.Text;
using Milvus.Local.Errors;

namespace Milvus.Local.Security;

/// <summary>Decodes the base64 passwords of credential requests, failing like Go's base64.StdEncoding.</summary>
internal static class Base64Text
{
    public static string Decode(string encoded, string context)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw MilvusError.Unexpected($"{context}: illegal base64 data at input byte {FirstBadByte(encoded)}");
        }
    }

    // Go reports the offset of the first byte it cannot use: a non-alphabet character, or the start of an incomplete quantum.
    private static int FirstBadByte(string encoded)
    {
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) return i;
        }
        return encoded.Length / 4 * 4;
    }
}
