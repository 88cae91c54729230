using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using Milvus.VectorData.Tests.Support;

#pragma warning disable CS8605 // Unboxing a possibly null value (dynamic filters, as in MEVD's conformance suite).
#pragma warning disable CS0252 // Reference comparison of object and string (dynamic filters compare boxed values).

namespace Milvus.VectorData.Tests;

/// <summary>
/// MEVD's filter conformance scenarios: each filter runs as a vector search filter, on a typed and on a dynamic collection,
/// over both transports, and must return exactly the records LINQ-to-objects returns for the same predicate.
/// </summary>
public class FilterTests(FilterTests.Fixture fixture) : IClassFixture<FilterTests.Fixture>
{
    public static TheoryData<Transport> Transports => new() { Transport.InProcess, Transport.Kestrel };

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_int(Transport t) => Test(t, r => r.Int == 8, r => (int)r["Int"] == 8, [1]);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_string(Transport t) => Test(t, r => r.String == "foo", r => r["String"] == "foo", [1, 3]);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_string_injection_in_value(Transport t)
    {
        var injection = "foo\" or Int > 0 or String == \"";
        return Test(t, r => r.String == injection, r => r["String"] == injection, []);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_string_containing_special_characters(Transport t)
        => Test(t, r => r.String == Fixture.SpecialCharacters, r => r["String"] == Fixture.SpecialCharacters, [5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_string_is_not_contains(Transport t) => Test(t, r => r.String == "fo", r => r["String"] == "fo", []);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_reversed(Transport t) => Test(t, r => 8 == r.Int, r => 8 == (int)r["Int"], [1]);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_null(Transport t) => Test(t, r => r.String == null, r => r["String"] == null, [4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_null_captured(Transport t)
    {
        string? s = null;
        return Test(t, r => r.String == s, r => r["String"] == s, [4]);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_nonnull_nullable_int(Transport t)
    {
        int? i = 8;
        return Test(t, r => r.Int == i, r => (int)r["Int"] == i, [1]);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task Equal_with_null_nullable_int(Transport t)
    {
        int? i = null;
        return Test(t, r => r.Int == i, r => (int)r["Int"] == i, []);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task NotEqual_with_int(Transport t) => Test(t, r => r.Int != 8, r => (int)r["Int"] != 8, [2, 3, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task NotEqual_with_string(Transport t) => Test(t, r => r.String != "foo", r => r["String"] != "foo", [2, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task NotEqual_with_null(Transport t) => Test(t, r => r.String != null, r => r["String"] != null, [1, 2, 3, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Bool(Transport t) => Test(t, r => r.Bool, r => (bool)r["Bool"], [1, 3, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Bool_and_bool(Transport t) => Test(t, r => r.Bool && r.Bool, r => (bool)r["Bool"] && (bool)r["Bool"], [1, 3, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Bool_or_not_bool(Transport t) => Test(t, r => r.Bool || !r.Bool, r => (bool)r["Bool"] || !(bool)r["Bool"], [1, 2, 3, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task GreaterThan(Transport t) => Test(t, r => r.Int > 9, r => (int)r["Int"] > 9, [4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task GreaterThanOrEqual(Transport t) => Test(t, r => r.Int >= 9, r => (int)r["Int"] >= 9, [2, 3, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task LessThan(Transport t) => Test(t, r => r.Int < 10, r => (int)r["Int"] < 10, [1, 2, 3]);

    [Theory, MemberData(nameof(Transports))]
    public Task LessThanOrEqual_reversed(Transport t) => Test(t, r => 10 >= r.Int, r => 10 >= (int)r["Int"], [1, 2, 3, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task And(Transport t) => Test(t, r => r.Int == 8 && r.String == "foo", r => (int)r["Int"] == 8 && r["String"] == "foo", [1]);

    [Theory, MemberData(nameof(Transports))]
    public Task Or(Transport t) => Test(t, r => r.Int == 8 || r.String == "foo", r => (int)r["Int"] == 8 || r["String"] == "foo", [1, 3]);

    [Theory, MemberData(nameof(Transports))]
    public Task And_within_or(Transport t)
        => Test(t, r => (r.Int == 8 && r.String == "foo") || r.Int2 == 100, r => ((int)r["Int"] == 8 && r["String"] == "foo") || (int)r["Int2"] == 100, [1, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Or_within_and(Transport t)
        => Test(t, r => (r.Int == 8 || r.Int == 9) && r.String == "foo", r => ((int)r["Int"] == 8 || (int)r["Int"] == 9) && r["String"] == "foo", [1, 3]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_over_equal(Transport t) => Test(t, r => !(r.Int == 8), r => !((int)r["Int"] == 8), [2, 3, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_over_and(Transport t)
        => Test(t, r => !(r.Int == 8 && r.String == "foo"), r => !((int)r["Int"] == 8 && r["String"] == "foo"), [2, 3, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_over_or(Transport t)
        => Test(t, r => !(r.Int == 8 || r.String == "foo"), r => !((int)r["Int"] == 8 || r["String"] == "foo"), [2, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_over_bool_and_comparison(Transport t)
        => Test(t, r => !r.Bool && r.Int != int.MaxValue, r => !(bool)r["Bool"] && (int)r["Int"] != int.MaxValue, [2, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_over_array_field(Transport t)
        => Test(t, r => r.StringArray.Contains("x"), r => ((string[])r["StringArray"]!).Contains("x"), [1, 3, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_over_list_field(Transport t)
        => Test(t, r => r.StringList.Contains("z"), r => ((List<string>)r["StringList"]!).Contains("z"), [4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_with_Enumerable_Contains(Transport t)
        => Test(t, r => Enumerable.Contains(r.StringArray, "x"), r => Enumerable.Contains((string[])r["StringArray"]!, "x"), [1, 3, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_with_MemoryExtensions_Contains(Transport t)
        => Test(t, r => MemoryExtensions.Contains(r.StringArray, "x"), r => MemoryExtensions.Contains((string[])r["StringArray"]!, "x"), [1, 3, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_over_inline_int_array(Transport t)
        => Test(t, r => new[] { 8, 10 }.Contains(r.Int), r => new[] { 8, 10 }.Contains((int)r["Int"]), [1, 4]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_over_inline_string_array_with_weird_chars(Transport t)
        => Test(t, r => new[] { "foo", "un  , ' \"" }.Contains(r.String), r => new[] { "foo", "un  , ' \"" }.Contains(r["String"]), [1, 3]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_contains_over_inline_array_matches_null(Transport t)
        => Test(t, r => !new[] { "foo" }.Contains(r.String), r => !new[] { "foo" }.Contains(r["String"]), [2, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Not_contains_over_array_field(Transport t)
        => Test(t, r => !r.StringArray.Contains("x"), r => !((string[])r["StringArray"]!).Contains("x"), [2, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Contains_over_captured_string_list(Transport t)
    {
        var values = new List<string> { "bar", "unknown" };
        return Test(t, r => values.Contains(r.String!), r => values.Contains((string)r["String"]!), [2]);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task Any_with_Contains_over_captured_array(Transport t)
    {
        string[] tags = ["a", "z", "nonexistent"];
        return Test(t, r => r.StringArray.Any(s => tags.Contains(s)), r => ((string[])r["StringArray"]!).Any(s => tags.Contains(s)), [2, 4, 5]);
    }

    [Theory, MemberData(nameof(Transports))]
    public Task Any_over_list_with_Contains_over_inline_array(Transport t)
        => Test(t, r => r.StringList.Any(s => new[] { "b", "y" }.Contains(s)), r => ((List<string>)r["StringList"]!).Any(s => new[] { "b", "y" }.Contains(s)), [1, 2, 4, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task Captured_member_and_static_fields(Transport t)
        => Test(t, r => r.Int == _memberField || r.Int2 == StaticField, r => (int)r["Int"] == _memberField || (int)r["Int2"] == StaticField, [1, 5]);

    [Theory, MemberData(nameof(Transports))]
    public Task True(Transport t) => Test(t, r => true, r => true, [1, 2, 3, 4, 5]);

    [Fact]
    public async Task Null_nullable_Value_fails_as_InvalidOperationException()
    {
        int? i = null;
        var collection = (await fixture.GetAsync(Transport.InProcess)).Typed;
#pragma warning disable CS8629 // The point of the test.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Search(collection, r => r.Int == i.Value));
#pragma warning restore CS8629
    }

    [Fact]
    public async Task Unknown_dynamic_property_names_fail_before_reaching_Milvus()
    {
        var dynamic = (await fixture.GetAsync(Transport.InProcess)).Dynamic;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Search(dynamic, r => r["String == \"foo\" or Int"] == "x"));
        Assert.Equal("Property name 'String == \"foo\" or Int' provided as part of the filter clause is not a valid property name.", error.Message);
    }

    [Fact]
    public async Task Untranslatable_filters_fail_with_NotSupportedException()
    {
        var collection = (await fixture.GetAsync(Transport.InProcess)).Typed;
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Search(collection, r => r.String!.StartsWith("f")));
        Assert.Equal("The filter expression 'r.String.StartsWith(\"f\")' cannot be translated to a Milvus filter.", error.Message);
        error = await Assert.ThrowsAsync<NotSupportedException>(() => Search(collection, r => r.Int + 1 == 9));
        Assert.Equal("The filter expression '((r.Int + 1) == 9)' cannot be translated to a Milvus filter.", error.Message);
        error = await Assert.ThrowsAsync<NotSupportedException>(() => Search(collection, r => r.Int > r.Int2));
        Assert.Equal("The filter expression '(r.Int > r.Int2)' cannot be translated to a Milvus filter.", error.Message);
    }

    [Fact]
    public void Filters_translate_to_Milvus_expressions()
    {
        var model = new MilvusModelBuilder().Build(typeof(FilterRecord), typeof(long), Fixture.Definition, null);
        string Translate(Expression<Func<FilterRecord, bool>> filter) => MilvusFilterTranslator.Translate(filter, model);
        string[] tags = ["a", "b"];
        Assert.Equal("((Int == 8 and String == \"a\\\"b\\\\c\") or Bool == false)", Translate(r => (r.Int == 8 && r.String == "a\"b\\c") || !r.Bool));
        Assert.Equal("(String != \"x\" or String is null)", Translate(r => r.String != "x"));
        Assert.Equal("(Int != 8 and (String != \"x\" or String is null))", Translate(r => !(r.Int == 8 || r.String == "x")));
        Assert.Equal("(String == \"x\" or Int <= 2)", Translate(r => !(r.String != "x" && r.Int > 2)));
        Assert.Equal("(not (String in [\"x\"]) or String is null)", Translate(r => !new[] { "x" }.Contains(r.String)));
        Assert.Equal("not (array_contains(StringArray, \"x\"))", Translate(r => !r.StringArray.Contains("x")));
        Assert.Equal("Int < 3", Translate(r => 3 > r.Int));
        Assert.Equal("String is null", Translate(r => r.String == null));
        Assert.Equal("String is not null", Translate(r => null != r.String));
        Assert.Equal("array_contains(StringArray, \"x\")", Translate(r => r.StringArray.Contains("x")));
        Assert.Equal("Int in [1, 2]", Translate(r => new[] { 1, 2 }.Contains(r.Int)));
        Assert.Equal("array_contains_any(StringList, [\"a\", \"b\"])", Translate(r => r.StringList.Any(s => tags.Contains(s))));
        Assert.Equal("String == \"line\\nbreak\\u0001\"", Translate(r => r.String == "line\nbreak\u0001"));
        Assert.Equal("", Translate(r => true));
    }

    private readonly int _memberField = 8;
    private static readonly int StaticField = 101;

    private async Task Test(Transport transport, Expression<Func<FilterRecord, bool>> filter,
        Expression<Func<Dictionary<string, object?>, bool>> dynamicFilter, long[] expectedKeys)
    {
        Assert.Equal(expectedKeys, Fixture.Data.AsQueryable().Where(filter).Select(r => r.Key).Order());
        var (typed, dynamic) = await fixture.GetAsync(transport);

        var records = await Search(typed, filter);
        Assert.Equal(expectedKeys, records.Select(r => r.Key).Order());
        foreach (var record in records) AssertSame(Fixture.Data.Single(d => d.Key == record.Key), record);

        var dynamicRecords = await Search(dynamic, dynamicFilter);
        Assert.Equal(expectedKeys, dynamicRecords.Select(r => (long)r["Key"]!).Order());
        foreach (var record in dynamicRecords) AssertSame(Fixture.Data.Single(d => d.Key == (long)record["Key"]!), record);

        // The same filter on a filtered get.
        var got = await typed.GetAsync(filter, top: 10).ToListAsync();
        Assert.Equal(expectedKeys, got.Select(r => r.Key).Order());
    }

    private static async Task<List<TRecord>> Search<TKey, TRecord>(VectorStoreCollection<TKey, TRecord> collection, Expression<Func<TRecord, bool>> filter)
        where TKey : notnull where TRecord : class
        => await collection.SearchAsync(new ReadOnlyMemory<float>([1, 2, 3]), top: 10, new VectorSearchOptions<TRecord> { Filter = filter })
            .Select(r => r.Record).ToListAsync();

    private static void AssertSame(FilterRecord expected, FilterRecord actual)
    {
        Assert.Equal((expected.Int, expected.String, expected.Bool, expected.Int2), (actual.Int, actual.String, actual.Bool, actual.Int2));
        Assert.Equal(expected.StringArray, actual.StringArray);
        Assert.Equal(expected.StringList, actual.StringList);
        Assert.Null(actual.Vector);
    }

    private static void AssertSame(FilterRecord expected, Dictionary<string, object?> actual)
    {
        Assert.Equal([expected.Key, expected.Int, expected.String, expected.Bool, expected.Int2],
            [actual["Key"], actual["Int"], actual["String"], actual["Bool"], actual["Int2"]]);
        Assert.Equal(expected.StringArray, Assert.IsType<string[]>(actual["StringArray"]));
        Assert.Equal(expected.StringList, Assert.IsType<List<string>>(actual["StringList"]));
        Assert.False(actual.ContainsKey("Vector"));
    }

    /// <summary>One engine per transport with the conformance suite's five records, shared by the tests of this class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string SpecialCharacters = ">with $om[ specia]\"chara<ters'and\\stuff";

        public static readonly VectorStoreCollectionDefinition Definition = new()
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(FilterRecord.Key), typeof(long)),
                new VectorStoreVectorProperty(nameof(FilterRecord.Vector), typeof(ReadOnlyMemory<float>?), 3),
                new VectorStoreDataProperty(nameof(FilterRecord.Int), typeof(int)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(FilterRecord.String), typeof(string)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(FilterRecord.Bool), typeof(bool)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(FilterRecord.Int2), typeof(int)) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(FilterRecord.StringArray), typeof(string[])) { IsIndexed = true },
                new VectorStoreDataProperty(nameof(FilterRecord.StringList), typeof(List<string>)) { IsIndexed = true },
            ],
        };

        public static readonly IReadOnlyList<FilterRecord> Data =
        [
            new() { Key = 1, Int = 8, String = "foo", Bool = true, Int2 = 80, StringArray = ["x", "y"], StringList = ["x", "y"], Vector = new float[] { 1, 2, 3 } },
            new() { Key = 2, Int = 9, String = "bar", Bool = false, Int2 = 90, StringArray = ["a", "b"], StringList = ["a", "b"], Vector = new float[] { 1, 2, 3 } },
            new() { Key = 3, Int = 9, String = "foo", Bool = true, Int2 = 9, StringArray = ["x"], StringList = ["x"], Vector = new float[] { 1, 2, 3 } },
            new() { Key = 4, Int = 10, String = null, Bool = false, Int2 = 100, StringArray = ["x", "y", "z"], StringList = ["x", "y", "z"], Vector = new float[] { 1, 2, 3 } },
            new() { Key = 5, Int = 11, String = SpecialCharacters, Bool = true, Int2 = 101, StringArray = ["y", "z"], StringList = ["y", "z"], Vector = new float[] { 1, 2, 3 } },
        ];

        private readonly Dictionary<Transport, (StoreSetup Setup, VectorStoreCollection<long, FilterRecord> Typed, VectorStoreCollection<object, Dictionary<string, object?>> Dynamic)> _stores = new();
        private readonly SemaphoreSlim _lock = new(1, 1);

        public async Task<(VectorStoreCollection<long, FilterRecord> Typed, VectorStoreCollection<object, Dictionary<string, object?>> Dynamic)> GetAsync(Transport transport)
        {
            await _lock.WaitAsync();
            try
            {
                if (!_stores.TryGetValue(transport, out var store))
                {
                    var setup = await StoreSetup.StartAsync(transport);
                    var typed = setup.Store.GetCollection<long, FilterRecord>("filter_tests", Definition);
                    await typed.EnsureCollectionExistsAsync();
                    await typed.UpsertAsync(Data);
                    store = (setup, typed, setup.Store.GetDynamicCollection("filter_tests", Definition));
                    _stores[transport] = store;
                }
                return (store.Typed, store.Dynamic);
            }
            finally
            {
                _lock.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var store in _stores.Values) await store.Setup.DisposeAsync();
        }
    }
}
