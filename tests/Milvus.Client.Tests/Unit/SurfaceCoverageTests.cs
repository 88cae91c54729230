using System.Reflection;

namespace Milvus.Client.Tests.Unit;

/// <summary>Every pymilvus 3.0.1 AsyncMilvusClient method (tests/data/pymilvus-methods.txt) has a C# counterpart on AsyncMilvusClient.</summary>
public class SurfaceCoverageTests
{
    /// <summary>pymilvus 3.0.1 AsyncMilvusClient: the class's 117 public methods.</summary>
    public static readonly string[] AsyncMilvusClientMethods = PymilvusMethodList.Section("AsyncMilvusClient");

    /// <summary>The 4 schema helpers AsyncMilvusClient inherits from BaseMilvusClient.</summary>
    public static readonly string[] InheritedHelpers = PymilvusMethodList.Section("BaseMilvusClient");

    /// <summary>Methods another branch delivers (marked "# pending:" in the list), with that branch.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pending = PymilvusMethodList.Pending();

    /// <summary>Sync MilvusClient-only methods, covered too.</summary>
    public static readonly string[] MilvusClientOnlyMethods = PymilvusMethodList.Section("MilvusClient");

    private static readonly HashSet<string> s_synchronousNames = new(StringComparer.Ordinal)
    {
        "create_schema", "create_field_schema", "create_struct_field_schema", "prepare_index_params", "get_server_type",
        "dump_messages", "query_iterator", "search_iterator", "session",
    };

    public static string CSharpName(string pymilvusName)
    {
        var pascal = string.Concat(pymilvusName.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return s_synchronousNames.Contains(pymilvusName) ? pascal : pascal + "Async";
    }

    [Fact]
    public void Lists_the_117_methods_of_pymilvus_3_0_1()
    {
        Assert.Equal(117, AsyncMilvusClientMethods.Length);
        Assert.Equal(AsyncMilvusClientMethods.Length, AsyncMilvusClientMethods.Distinct().Count());
        Assert.Equal(new[] { "create_schema", "create_field_schema", "create_struct_field_schema", "prepare_index_params" }, InheritedHelpers);
        Assert.Equal(new[] { "query_iterator", "search_iterator", "list_loaded_segments" }, MilvusClientOnlyMethods);
    }

    /// <summary>Only snapshot methods may wait for their branch (v3-snapshots); the list shrinks to nothing when it lands.</summary>
    [Fact]
    public void Only_snapshot_methods_are_pending_and_they_name_their_branch()
    {
        string[] snapshotMethods = ["create_snapshot", "drop_snapshot", "list_snapshots", "describe_snapshot", "restore_snapshot",
            "get_restore_snapshot_state", "list_restore_snapshot_jobs", "pin_snapshot_data", "unpin_snapshot_data"];
        Assert.All(Pending.Keys, method => Assert.Contains(method, snapshotMethods));
        Assert.All(Pending.Values, branch => Assert.Equal("v3-snapshots", branch));
    }

    [Fact]
    public void Every_pymilvus_method_has_a_csharp_counterpart()
    {
        var methods = typeof(AsyncMilvusClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var missing = AsyncMilvusClientMethods.Concat(InheritedHelpers).Concat(MilvusClientOnlyMethods)
            .Where(n => !Pending.ContainsKey(n) && !methods.Contains(CSharpName(n)))
            .Select(n => $"{n} -> {CSharpName(n)}")
            .ToList();
        Assert.True(missing.Count == 0, "Missing C# counterparts: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_async_method_takes_a_cancellation_token_and_no_public_signature_leaks_grpc_or_protobuf()
    {
        var publicTypes = typeof(AsyncMilvusClient).Assembly.GetExportedTypes();
        foreach (var type in publicTypes)
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
                    PropertyInfo p => new[] { p.PropertyType },
                    ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                    FieldInfo f => new[] { f.FieldType },
                    _ => Enumerable.Empty<Type>(),
                };
                foreach (var t in types.SelectMany(Flatten))
                {
                    var ns = t.Namespace ?? "";
                    Assert.False(ns.StartsWith("Grpc", StringComparison.Ordinal) || ns.StartsWith("Google.Protobuf", StringComparison.Ordinal)
                        || ns.StartsWith("Milvus.Protocol", StringComparison.Ordinal), $"{type.Name}.{member.Name} exposes {t.FullName}");
                }
            }
        }
        var asyncMethods = typeof(AsyncMilvusClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name is not ("DisposeAsync" or "CloseAsync"));
        foreach (var m in asyncMethods)
            Assert.True(m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)), $"{m.Name} has no CancellationToken");
    }

    private static IEnumerable<Type> Flatten(Type t)
    {
        yield return t;
        if (t.HasElementType) foreach (var e in Flatten(t.GetElementType()!)) yield return e;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments().SelectMany(Flatten)) yield return a;
    }
}
