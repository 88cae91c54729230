namespace Milvus.Client.Tests.Support;

internal static class Rows
{
    public static IReadOnlyDictionary<string, object?> Row(params (string Key, object? Value)[] values)
        => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>n rows: id i, vector [i, 0, 0, 1], title "t{i}", and a dynamic "tag" ("even"/"odd").</summary>
    public static List<IReadOnlyDictionary<string, object?>> Books(int n)
        => Enumerable.Range(0, n).Select(i => Row(("id", (long)i), ("vector", new float[] { i, 0, 0, 1 }), ("title", $"t{i}"),
            ("tag", i % 2 == 0 ? "even" : "odd"))).ToList();
}
