using System.Reflection;

namespace Milvus.Client.Tests.Unit;

/// <summary>Every pymilvus 2.6 AsyncMilvusClient method (reference §3) has a C# counterpart on AsyncMilvusClient.</summary>
public class SurfaceCoverageTests
{
    /// <summary>pymilvus 2.6 AsyncMilvusClient: 101 methods (97 own + 4 inherited helpers), from the reference map §3 and §7.</summary>
    public static readonly string[] AsyncMilvusClientMethods =
    {
        // collections
        "create_collection", "describe_collection", "has_collection", "list_collections", "drop_collection", "truncate_collection",
        "rename_collection", "get_collection_stats", "load_collection", "release_collection", "get_load_state", "refresh_load",
        "alter_collection_properties", "drop_collection_properties", "alter_collection_field", "add_collection_field",
        "add_collection_function", "alter_collection_function", "drop_collection_function",
        // schema helpers
        "create_schema", "create_field_schema", "create_struct_field_schema", "prepare_index_params", "get_server_type",
        // data
        "insert", "upsert", "delete", "get", "query", "search", "hybrid_search",
        // indexes
        "create_index", "list_indexes", "describe_index", "drop_index", "alter_index_properties", "drop_index_properties",
        // partitions
        "create_partition", "drop_partition", "has_partition", "list_partitions", "load_partitions", "release_partitions", "get_partition_stats",
        // aliases and databases
        "create_alias", "alter_alias", "drop_alias", "describe_alias", "list_aliases", "use_database", "using_database", "create_database",
        "drop_database", "list_databases", "describe_database", "alter_database_properties", "drop_database_properties",
        // users, roles, privileges
        "create_user", "drop_user", "update_password", "update_user", "list_users", "describe_user", "grant_role", "revoke_role",
        "create_role", "alter_role", "drop_role", "describe_role", "list_roles", "grant_privilege", "revoke_privilege",
        "grant_privilege_v2", "revoke_privilege_v2", "create_privilege_group", "drop_privilege_group", "list_privilege_groups",
        "add_privileges_to_group", "remove_privileges_from_group",
        // resource groups and replicas
        "create_resource_group", "update_resource_groups", "drop_resource_group", "describe_resource_group", "list_resource_groups",
        "transfer_replica", "describe_replica",
        // maintenance, analyzer, replication
        "flush", "flush_all", "get_flush_all_state", "compact", "get_compaction_state", "get_compaction_plans", "get_server_version",
        "list_persistent_segments", "optimize", "close", "run_analyzer", "update_replicate_configuration", "get_replicate_configuration",
        "get_replicate_info", "dump_messages",
    };

    /// <summary>Sync MilvusClient-only methods, covered too.</summary>
    public static readonly string[] MilvusClientOnlyMethods = { "query_iterator", "search_iterator", "list_loaded_segments" };

    private static readonly HashSet<string> s_synchronousNames = new(StringComparer.Ordinal)
    {
        "create_schema", "create_field_schema", "create_struct_field_schema", "prepare_index_params", "get_server_type",
        "dump_messages", "query_iterator", "search_iterator",
    };

    public static string CSharpName(string pymilvusName)
    {
        var pascal = string.Concat(pymilvusName.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return s_synchronousNames.Contains(pymilvusName) ? pascal : pascal + "Async";
    }

    [Fact]
    public void Lists_the_101_methods_of_pymilvus_2_6()
    {
        Assert.Equal(101, AsyncMilvusClientMethods.Length);
        Assert.Equal(AsyncMilvusClientMethods.Length, AsyncMilvusClientMethods.Distinct().Count());
    }

    [Fact]
    public void Every_pymilvus_method_has_a_csharp_counterpart()
    {
        var methods = typeof(AsyncMilvusClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var missing = AsyncMilvusClientMethods.Concat(MilvusClientOnlyMethods)
            .Where(n => !methods.Contains(CSharpName(n)))
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
