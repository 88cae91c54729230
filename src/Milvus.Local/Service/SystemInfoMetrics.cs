using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Milvus.Local.Errors;

namespace Milvus.Local;

/// <summary>
/// The JSON document of GetMetrics: Milvus's metricsinfo types (SystemTopology of SystemTopologyNode, each with a
/// component's BaseComponentInfos and system_configurations) describing the local engine as a standalone
/// deployment whose components all run in this one process, with this machine's real hardware figures.
/// </summary>
internal static class SystemInfoMetrics
{
    public const int NodeId = 1;
    public const string SystemInfo = "system_info";

    private static readonly DateTimeOffset Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>The metric type a request asks for: its req_type, else its metric_type (as Milvus's ParseMetricRequestType).</summary>
    /// <exception cref="MilvusError">65535 when neither key is present, or the type is not one the engine serves</exception>
    public static string RequestedType(string request)
    {
        JsonNode? json = null;
        try { json = JsonNode.Parse(request); }
        catch (System.Text.Json.JsonException) { }
        var type = (json as JsonObject)?["req_type"] ?? (json as JsonObject)?["metric_type"];
        if (type is null) throw MilvusError.Unexpected("metric_type or req_type not found in request");
        var name = type is JsonValue v && v.TryGetValue<string>(out var s) ? s : type.ToJsonString();
        if (name != SystemInfo) throw MilvusError.Unexpected("metric request type is not implemented");
        return name;
    }

    /// <summary>The system_info topology: a proxy forwarding to the coordinators, each managing its node.</summary>
    public static string Build(string version, string databasePath)
    {
        var hardware = Hardware(databasePath);
        var now = GoTime(DateTimeOffset.UtcNow);
        JsonObject Node(string role, JsonObject configuration, bool quotaMetrics, bool collectionMetrics, params string[] connectedTo)
        {
            var infos = new JsonObject
            {
                ["has_error"] = false, ["error_reason"] = "", ["name"] = role + NodeId,
                ["hardware_infos"] = hardware.DeepClone(),
                ["system_info"] = new JsonObject
                {
                    ["system_version"] = version, ["deploy_mode"] = "STANDALONE", ["build_version"] = version,
                    ["build_time"] = "", ["used_go_version"] = "",
                },
                ["created_time"] = GoTime(Started), ["updated_time"] = now, ["type"] = role, ["id"] = NodeId,
                ["system_configurations"] = configuration,
            };
            if (quotaMetrics) infos["quota_metrics"] = null;
            if (collectionMetrics) infos["collection_metrics"] = null;
            var connected = new JsonArray();
            foreach (var target in connectedTo)
                connected.Add(new JsonObject
                {
                    ["connected_identifier"] = NodeId, ["type"] = role == "proxy" ? "forward" : "manage", ["target_type"] = target,
                });
            return new JsonObject { ["identifier"] = NodeId, ["connected"] = connected, ["infos"] = infos };
        }

        var topology = new JsonObject
        {
            ["nodes_info"] = new JsonArray(
                Node("proxy", new JsonObject { ["default_partition_name"] = "_default", ["default_index_name"] = "_default_idx" },
                    quotaMetrics: true, collectionMetrics: false, "rootcoord", "querycoord", "datacoord"),
                Node("rootcoord", new JsonObject { ["min_segment_size_to_enable_index"] = 1024 }, false, false),
                Node("querycoord", new JsonObject { ["search_channel_prefix"] = "", ["search_result_channel_prefix"] = "" },
                    false, false, "querynode"),
                Node("querynode", new JsonObject { ["simd_type"] = "auto" }, quotaMetrics: true, collectionMetrics: true),
                Node("datacoord", new JsonObject { ["segment_max_size"] = 1024.0 }, quotaMetrics: true, collectionMetrics: true, "datanode"),
                Node("datanode", new JsonObject { ["flush_insert_buffer_size"] = 16777216 }, quotaMetrics: true, collectionMetrics: false)),
        };
        return topology.ToJsonString();
    }

    /// <summary>Milvus's HardwareMetrics for this process and machine; disk is the database file's volume.</summary>
    private static JsonObject Hardware(string databasePath)
    {
        using var process = Process.GetCurrentProcess();
        var uptime = DateTimeOffset.UtcNow - Started;
        var cpuUsage = uptime.TotalMilliseconds > 0
            ? process.TotalProcessorTime.TotalMilliseconds / uptime.TotalMilliseconds / Environment.ProcessorCount * 100 : 0;
        ulong disk = 0, diskUsage = 0;
        try
        {
            var root = Path.GetPathRoot(Path.GetFullPath(databasePath));
            if (!string.IsNullOrEmpty(root)) disk = (ulong)new DriveInfo(root).TotalSize;
            diskUsage = (ulong)(new FileInfo(databasePath) is { Exists: true } f ? f.Length : 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        return new JsonObject
        {
            ["ip"] = "127.0.0.1", ["cpu_core_count"] = Environment.ProcessorCount, ["cpu_core_usage"] = Math.Round(cpuUsage, 2),
            ["memory"] = (ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, ["memory_usage"] = (ulong)process.WorkingSet64,
            ["disk"] = disk, ["disk_usage"] = diskUsage,
        };
    }

    /// <summary>A time as Go's time.Time.String() writes it (Milvus's created_time/updated_time).</summary>
    private static string GoTime(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.') + " +0000 UTC";
}
