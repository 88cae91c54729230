using Milvus.Local.Catalog;
using Milvus.Protocol.Common;
using Milvus.Protocol.Schema;

namespace Milvus.Local.Tests.Engine;

/// <summary>Messages name types as Milvus does (schemapb's and commonpb's .proto spelling), not as the C# enums do.</summary>
public sealed class MilvusTypeNamesTests
{
    [Theory]
    [InlineData(DataType.Json, "JSON")]
    [InlineData(DataType.Bfloat16Vector, "BFloat16Vector")]
    [InlineData(DataType.FloatVector, "FloatVector")]
    [InlineData(DataType.VarChar, "VarChar")]
    [InlineData(DataType.ArrayOfVector, "ArrayOfVector")]
    public void Data_types_are_named_as_the_proto_spells_them(DataType type, string name) => Assert.Equal(name, MilvusTypeNames.Of(type));

    [Theory]
    [InlineData(PlaceholderType.Bfloat16Vector, "BFloat16Vector")]
    [InlineData(PlaceholderType.EmbListBfloat16Vector, "EmbListBFloat16Vector")]
    [InlineData(PlaceholderType.SparseFloatVector, "SparseFloatVector")]
    public void Placeholder_types_are_named_as_the_proto_spells_them(PlaceholderType type, string name) => Assert.Equal(name, MilvusTypeNames.Of(type));
}
