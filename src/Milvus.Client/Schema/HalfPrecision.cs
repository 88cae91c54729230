namespace Milvus.Client;

/// <summary>
/// float16 and bfloat16 vector bytes to and from floats (.NET 8 has System.Half but no bfloat16 type): the one encoder
/// the client's search placeholders and the module's row conversion share.
/// </summary>
public static class HalfPrecision
{
    /// <summary>The high 16 bits of each float32, rounded to nearest even, as little-endian bytes.</summary>
    public static byte[] ToBFloat16(float[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(values[i]);
            var rounded = (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), rounded);
        }

        return bytes;
    }

    /// <summary>Little-endian float16 values as floats.</summary>
    public static float[] FromFloat16(byte[] bytes)
    {
        var values = new float[bytes.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)BitConverter.ToHalf(bytes, i * 2);
        }

        return values;
    }

    /// <summary>Little-endian bfloat16 values as floats (the 16 bits are a float32's high half).</summary>
    public static float[] FromBFloat16(byte[] bytes)
    {
        var values = new float[bytes.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.UInt32BitsToSingle((uint)BitConverter.ToUInt16(bytes, i * 2) << 16);
        }

        return values;
    }
}
