using System.Numerics;

namespace Milvus.Local.Expressions;

/// <summary>Tight per-column loops (one pass over a typed array, no per-row dispatch) for scalar fields.</summary>
internal static class TypedKernels
{
    public static void Compare<T>(T[] values, T constant, CompareOp op, bool[] result)
        where T : IComparisonOperators<T, T, bool>
    {
        switch (op)
        {
            case CompareOp.Eq: for (var i = 0; i < values.Length; i++) result[i] = values[i] == constant; break;
            case CompareOp.Ne: for (var i = 0; i < values.Length; i++) result[i] = values[i] != constant; break;
            case CompareOp.Lt: for (var i = 0; i < values.Length; i++) result[i] = values[i] < constant; break;
            case CompareOp.Le: for (var i = 0; i < values.Length; i++) result[i] = values[i] <= constant; break;
            case CompareOp.Gt: for (var i = 0; i < values.Length; i++) result[i] = values[i] > constant; break;
            default: for (var i = 0; i < values.Length; i++) result[i] = values[i] >= constant; break;
        }
    }

    public static void Compare(string[] values, string constant, CompareOp op, bool[] result)
    {
        for (var i = 0; i < values.Length; i++)
            result[i] = Holds(op, string.CompareOrdinal(values[i] ?? "", constant));
    }

    public static void Compare(bool[] values, bool constant, CompareOp op, bool[] result)
    {
        for (var i = 0; i < values.Length; i++)
            result[i] = Holds(op, values[i].CompareTo(constant));
    }

    public static void Between<T>(T[] values, T lower, bool lowerInclusive, T upper, bool upperInclusive, bool[] result)
        where T : IComparisonOperators<T, T, bool>
    {
        if (lowerInclusive && upperInclusive)
            for (var i = 0; i < values.Length; i++) result[i] = values[i] >= lower && values[i] <= upper;
        else if (lowerInclusive)
            for (var i = 0; i < values.Length; i++) result[i] = values[i] >= lower && values[i] < upper;
        else if (upperInclusive)
            for (var i = 0; i < values.Length; i++) result[i] = values[i] > lower && values[i] <= upper;
        else
            for (var i = 0; i < values.Length; i++) result[i] = values[i] > lower && values[i] < upper;
    }

    public static void CompareColumns<TLeft, TRight>(TLeft[] left, TRight[] right, CompareOp op, bool[] result)
        where TLeft : INumberBase<TLeft> where TRight : INumberBase<TRight>
    {
        for (var i = 0; i < left.Length; i++)
        {
            // Mixed int/float columns compare as double, as Milvus coerces them.
            if (typeof(TLeft) == typeof(long) && typeof(TRight) == typeof(long))
                result[i] = Holds(op, long.CreateTruncating(left[i]).CompareTo(long.CreateTruncating(right[i])));
            else
                result[i] = HoldsDouble(op, double.CreateTruncating(left[i]), double.CreateTruncating(right[i]));
        }
    }

    public static bool Holds(CompareOp op, int comparison) => op switch
    {
        CompareOp.Eq => comparison == 0,
        CompareOp.Ne => comparison != 0,
        CompareOp.Lt => comparison < 0,
        CompareOp.Le => comparison <= 0,
        CompareOp.Gt => comparison > 0,
        _ => comparison >= 0,
    };

    public static bool HoldsDouble(CompareOp op, double a, double b) => Holds(op, a, b);

    public static bool HoldsLong(CompareOp op, long a, long b) => Holds(op, a, b);

    private static bool Holds<T>(CompareOp op, T a, T b) where T : IComparisonOperators<T, T, bool> => op switch
    {
        CompareOp.Eq => a == b,
        CompareOp.Ne => a != b,
        CompareOp.Lt => a < b,
        CompareOp.Le => a <= b,
        CompareOp.Gt => a > b,
        _ => a >= b,
    };
}
