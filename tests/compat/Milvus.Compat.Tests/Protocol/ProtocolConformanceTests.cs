using System.Text.Json.Nodes;
using Milvus.Compat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Milvus.Compat.Tests.Protocol;

/// <summary>
/// The project's protocol (src/Milvus.Protocol, compiled) must match the baseline Node SDK's (3.0.6)
/// descriptor exactly, and keep everything of the previous baseline (2.6.17), for every service, method, message, field, enum and enum value of Milvus's packages.
/// </summary>
public sealed class ProtocolConformanceTests(ITestOutputHelper output)
{
    public static readonly string[] Packages =
    [
        "milvus.proto.milvus", "milvus.proto.common", "milvus.proto.schema",
        "milvus.proto.rg", "milvus.proto.feder", "milvus.proto.msg",
    ];

    private static readonly Lazy<Task<string>> BaselineDescriptor =
        new(() => NodeDescriptorReader.LoadDescriptorJsonAsync(NodeSdk.Baseline));

    private static readonly Lazy<Task<string>> PreviousDescriptor =
        new(() => NodeDescriptorReader.LoadDescriptorJsonAsync(NodeSdk.Previous));

    [Fact]
    public async Task ProjectProtocolMatchesTheBaselineNodeSdkDescriptor()
    {
        var reference = NodeDescriptorReader.Read(await BaselineDescriptor.Value, Packages);
        var project = CompiledDescriptorReader.Read(CompiledDescriptorReader.ProjectFiles);

        var diff = ProtocolDiff.Compare(reference, project);
        output.WriteLine($"Node SDK {NodeSdk.Baseline.Version}: {Summary(reference, diff)}");
        Assert.True(diff.Count == 0, $"{Summary(reference, diff)}\n{diff}");

        // Sanity: the reference really is the 3.0.6 SDK's protocol (Milvus 3.0), not an empty or partial read.
        Assert.Equal(143, MethodCount(reference, "milvus.proto.milvus.MilvusService"));
        Assert.Equal(4, MethodCount(reference, "milvus.proto.milvus.ClientTelemetryService"));
        Assert.Equal(143, MethodCount(project, "milvus.proto.milvus.MilvusService"));
        Assert.Equal(4, MethodCount(project, "milvus.proto.milvus.ClientTelemetryService"));
        Assert.True(reference.Count(FactKind.Message) >= 300, $"only {reference.Count(FactKind.Message)} messages read");
    }

    [Fact]
    public async Task EverythingOfTheMilvus26ProtocolIsStillPresentAndUnchanged()
    {
        var previous = NodeDescriptorReader.Read(await PreviousDescriptor.Value, Packages);
        var project = CompiledDescriptorReader.Read(CompiledDescriptorReader.ProjectFiles);

        var diff = ProtocolDiff.Compare(previous, project);
        output.WriteLine($"Node SDK {NodeSdk.Previous.Version}: {Summary(previous, diff)} ({diff.Extra.Count} are 3.0 additions)");
        Assert.Equal(116, MethodCount(previous, "milvus.proto.milvus.MilvusService"));
        Assert.Empty(diff.Missing);   // Milvus 3.0 only added: nothing of 2.6 was removed or renumbered
        Assert.Empty(diff.Different);
        Assert.Contains(diff.Extra, line => line.StartsWith("method milvus.proto.milvus.MilvusService/CreateSnapshot:", StringComparison.Ordinal));
    }

    private static int MethodCount(ProtocolFacts facts, string service) =>
        facts.Entries.Count(e => e.Value.Kind == FactKind.Method && e.Key.StartsWith($"method {service}/", StringComparison.Ordinal));

    [Fact]
    public async Task ComparerReportsEveryAlteration()
    {
        var original = await BaselineDescriptor.Value;
        var altered = JsonNode.Parse(original)!;
        var proto = altered["nested"]!["milvus"]!["nested"]!["proto"]!["nested"]!;
        var service = proto["milvus"]!["nested"]!["MilvusService"]!["methods"]!.AsObject();
        service.Remove("Search");                                                   // an RPC the project has but the reference lacks
        service["NotARealRpc"] = new JsonObject { ["requestType"] = "SearchRequest", ["responseType"] = "SearchResults" };
        service["Query"]!["responseStream"] = true;                                // streaming mode
        var fieldData = proto["schema"]!["nested"]!["FieldData"]!["fields"]!;
        fieldData["field_name"]!["id"] = 99;                                        // field number
        fieldData["is_dynamic"]!["type"] = "int32";                                 // field type
        fieldData["field_id"]!["rule"] = "repeated";                                // label
        var dataType = proto["schema"]!["nested"]!["DataType"]!["values"]!;
        dataType["FloatVector"] = 1000;                                             // enum value number
        proto["common"]!["nested"]!["Status"]!["fields"]!.AsObject()
            .Add("extra_field", new JsonObject { ["type"] = "string", ["id"] = 42 }); // field the project lacks
        proto["schema"]!["nested"]!["FieldData"]!["oneofs"]!["field"]!["oneof"]!.AsArray().RemoveAt(2); // oneof membership
        proto["milvus"]!["nested"]!["QueryRequest"]!["fields"]!["expr_template_values"]!["keyType"] = "int64"; // map key
        proto["common"]!["nested"]!.AsObject().Add("Mood", new JsonObject { ["values"] = new JsonObject { ["CALM"] = 0 } }); // enum

        var reference = NodeDescriptorReader.Read(altered.ToJsonString(), Packages);
        var diff = ProtocolDiff.Compare(reference, CompiledDescriptorReader.Read(CompiledDescriptorReader.ProjectFiles));
        output.WriteLine(diff.ToString());

        Assert.Equal(
            [
                "enum milvus.proto.common.Mood: enum",
                "enumvalue milvus.proto.common.Mood.CALM: 0",
                "field milvus.proto.common.Status.extra_field: #42 singular string",
                "method milvus.proto.milvus.MilvusService/NotARealRpc: (milvus.proto.milvus.SearchRequest) returns (milvus.proto.milvus.SearchResults)",
            ],
            diff.Missing);
        Assert.Equal(
            ["method milvus.proto.milvus.MilvusService/Search: (milvus.proto.milvus.SearchRequest) returns (milvus.proto.milvus.SearchResults)"],
            diff.Extra);
        Assert.Equal(
            [
                "enumvalue milvus.proto.schema.DataType.FloatVector: reference 1000 | project 101",
                "field milvus.proto.milvus.QueryRequest.expr_template_values: reference #13 repeated map<int64,milvus.proto.schema.TemplateValue> | project #13 repeated map<string,milvus.proto.schema.TemplateValue>",
                "field milvus.proto.schema.FieldData.field_id: reference #5 repeated int64 | project #5 singular int64",
                "field milvus.proto.schema.FieldData.field_name: reference #99 singular string | project #2 singular string",
                "field milvus.proto.schema.FieldData.is_dynamic: reference #6 singular int32 | project #6 singular bool",
                "field milvus.proto.schema.FieldData.struct_arrays: reference #8 singular milvus.proto.schema.StructArrayField | project #8 singular milvus.proto.schema.StructArrayField oneof field",
                "method milvus.proto.milvus.MilvusService/Query: reference (milvus.proto.milvus.QueryRequest) returns (stream milvus.proto.milvus.QueryResults) | project (milvus.proto.milvus.QueryRequest) returns (milvus.proto.milvus.QueryResults)",
            ],
            diff.Different);
    }

    [Fact]
    public void ProtoThreeOptionalFieldsAndOneofsAreToldApart()
    {
        // A proto3 optional field sits in a synthetic oneof; a real oneof member keeps its oneof name.
        var json = """
            {"nested":{"p":{"nested":{"M":{
              "oneofs":{"_opt":{"oneof":["opt"]},"choice":{"oneof":["a","b"]}},
              "fields":{"opt":{"type":"string","id":1,"options":{"proto3_optional":true}},
                        "a":{"type":"int64","id":2},"b":{"type":"M","id":3},
                        "m":{"keyType":"string","type":"bytes","id":4}}}}}}}
            """;
        var facts = NodeDescriptorReader.Read(json, ["p"]);
        Assert.Equal("#1 optional string", facts.Entries["field p.M.opt"].Value);
        Assert.Equal("#2 singular int64 oneof choice", facts.Entries["field p.M.a"].Value);
        Assert.Equal("#3 singular p.M oneof choice", facts.Entries["field p.M.b"].Value);
        Assert.Equal("#4 repeated map<string,bytes>", facts.Entries["field p.M.m"].Value);
    }

    private static string Summary(ProtocolFacts reference, ProtocolDiff diff) =>
        $"{reference.Count(FactKind.Method)} methods ({reference.Count(FactKind.Service)} services), " +
        $"{reference.Count(FactKind.Message)} messages, {reference.Count(FactKind.Field)} fields, " +
        $"{reference.Count(FactKind.Enum)} enums, {reference.Count(FactKind.EnumValue)} enum values, " +
        $"{reference.Count(FactKind.Extension)} extensions checked, {diff.Count} mismatches";
}
