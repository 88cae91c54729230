namespace Milvus.Client;

/// <summary>
/// The asynchronous Milvus client: pymilvus <c>AsyncMilvusClient</c> (and so <c>MilvusClient</c>) in idiomatic C#.
/// Every method is asynchronous, takes an optional per-call <c>timeout</c> (pymilvus <c>timeout</c>: the retry budget and
/// deadline) and a <see cref="CancellationToken"/>. Method mapping (pymilvus → C#), by area:
/// <list type="bullet">
/// <item>Collections: create_collection → <see cref="CreateCollectionAsync"/>, describe_collection, has_collection,
/// list_collections, drop_collection, truncate_collection, rename_collection, get_collection_stats, load_collection,
/// release_collection, get_load_state, refresh_load, alter/drop_collection_properties, alter_collection_field,
/// add_collection_field, add/alter/drop_collection_function → the same names in PascalCase with an Async suffix.</item>
/// <item>Schema helpers (no RPC): create_schema → <see cref="CreateSchema"/>, create_field_schema → <see cref="CreateFieldSchema"/>,
/// create_struct_field_schema → <see cref="CreateStructFieldSchema"/>, prepare_index_params → <see cref="PrepareIndexParams"/>,
/// get_server_type → <see cref="GetServerType"/>.</item>
/// <item>Data: insert, upsert, delete, get, query, search, hybrid_search → InsertAsync ... HybridSearchAsync;
/// query_iterator → <see cref="QueryIterator"/>, search_iterator → <see cref="SearchIterator"/> (IAsyncEnumerable of pages).</item>
/// <item>Indexes: create_index, list_indexes, describe_index, drop_index, alter/drop_index_properties.</item>
/// <item>Partitions: create/drop/has/list_partition(s), load/release_partitions, get_partition_stats.</item>
/// <item>Aliases and databases: create/alter/drop/describe/list_alias(es); use_database, using_database, create/drop/list/describe_database,
/// alter/drop_database_properties.</item>
/// <item>Security: create/drop/describe/list_user(s), update_password, update_user, grant/revoke_role, create/alter/drop/describe/list_role(s),
/// grant/revoke_privilege(_v2), create/drop/list_privilege_group(s), add_privileges_to_group, remove_privileges_from_group.</item>
/// <item>Resource groups: create/update/drop/describe/list_resource_group(s), transfer_replica, describe_replica.</item>
/// <item>Maintenance: flush, flush_all, get_flush_all_state, compact, get_compaction_state, get_compaction_plans, get_server_version,
/// list_loaded_segments, list_persistent_segments, optimize, run_analyzer, update/get_replicate_configuration, get_replicate_info,
/// dump_messages, close → <see cref="CloseAsync"/> / <see cref="DisposeAsync"/>.</item>
/// </list>
/// Like pymilvus's AsyncMilvusClient, construction does no I/O: the connection (Connect handshake) happens on the first call or on
/// <see cref="ConnectAsync"/>. A URI ending in <c>.db</c> opens the in-process local engine instead of a network connection.
/// </summary>
public sealed partial class AsyncMilvusClient : IAsyncDisposable, IDisposable
{
}
