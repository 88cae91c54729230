using Milvus.Compat.Tests.Infrastructure;
using Milvus.Local.Tests.Server;

namespace Milvus.Compat.Tests.Protocol;

/// <summary>The committed .proto files are exactly what tools/protogen writes from the pinned baseline descriptor (Node SDK 3.0.6) (no hand edits).</summary>
public sealed class GeneratedProtoFilesTests
{
    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(NodeSdk.CompatDirectory, "..", ".."));

    [Fact]
    public async Task CommittedProtosEqualTheGeneratorOutput()
    {
        using var output = new TempDirectory();
        var generator = Path.Combine(RepositoryRoot, "tools", "protogen", "generate-protos.mjs");

        var result = await NodeSdk.RunNodeAsync([generator, NodeSdk.Baseline.DescriptorPath, output.Path], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());

        var committedDirectory = Path.Combine(RepositoryRoot, "src", "Milvus.Protocol", "Protos");
        var generated = Directory.GetFiles(output.Path, "*.proto").Select(path => Path.GetFileName(path)).Order().ToArray();
        var committed = Directory.GetFiles(committedDirectory, "*.proto").Select(path => Path.GetFileName(path)).Order().ToArray();
        Assert.Equal(["common.proto", "feder.proto", "milvus.proto", "msg.proto", "rg.proto", "schema.proto"], generated);
        Assert.Equal(generated, committed);
        foreach (var name in generated)
            Assert.True(
                File.ReadAllText(Path.Combine(output.Path, name)) == File.ReadAllText(Path.Combine(committedDirectory, name)),
                $"src/Milvus.Protocol/Protos/{name} differs from what tools/protogen/generate-protos.mjs writes; regenerate it");
    }
}
