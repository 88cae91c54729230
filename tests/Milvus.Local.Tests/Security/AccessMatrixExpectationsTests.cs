using System.Text.Json;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// The access matrix's expectations (identities; per RPC the privilege, who besides root holds it, the database of the
/// denial) as JSON in tests/compat/expectations/access-matrix.json, which the Node SDK's run of the same matrix
/// (tests/compat/scripts/access-matrix.js) reads: one table for both clients. This test fails when the file and
/// <see cref="AccessMatrixTests"/> disagree; MILVUS_UPDATE_EXPECTATIONS=1 rewrites it.
/// </summary>
public sealed class AccessMatrixExpectationsTests
{
    public static string Render() => JsonSerializer.Serialize(new
    {
        identities = AccessMatrixTests.Identities.Select(i => new { name = i.Name, user = i.User, password = i.Password, letter = i.Letter.ToString() }),
        cases = AccessMatrixTests.Cases.Select(c => new { rpc = c.Rpc, privilege = c.Privilege, allowedFor = c.AllowedFor, database = c.Database }),
    }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    public static string FilePath() => Path.Combine(RepositoryPaths.Compat, "expectations", "access-matrix.json");

    [Fact]
    public void The_Node_SDK_matrix_reads_the_same_expectations_as_the_CSharp_matrix()
    {
        var expected = Render();
        if (Environment.GetEnvironmentVariable("MILVUS_UPDATE_EXPECTATIONS") == "1") File.WriteAllText(FilePath(), expected);
        Assert.True(File.Exists(FilePath()) && File.ReadAllText(FilePath()) == expected,
            $"{FilePath()} is stale: rerun this test with MILVUS_UPDATE_EXPECTATIONS=1 and commit the file");
        Assert.Equal(75, AccessMatrixTests.Cases.Length);
    }
}
