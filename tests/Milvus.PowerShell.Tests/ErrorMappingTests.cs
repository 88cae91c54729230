using System.Management.Automation;
using Milvus.Client;
using Milvus.PowerShell.Errors;

namespace Milvus.PowerShell.Tests;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(100, "collection not found[collection=docs]", "Collection", "MilvusCollectionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(101, "collection not loaded", "Entity", "MilvusCollectionNotLoaded", ErrorCategory.InvalidOperation)]
    [InlineData(200, "partition not found[partition=p9]", "Partition", "MilvusPartitionNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(700, "index not found", "Index", "MilvusIndexNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(800, "database not found[database=x]", "Database", "MilvusDatabaseNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(1100, "invalid parameter[name=1x]", "Collection", "MilvusCollectionInvalidArgument", ErrorCategory.InvalidArgument)]
    [InlineData(1401, "privilege not permitted", "Collection", "MilvusPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(1602, "alias already exist", "Alias", "MilvusAliasExists", ErrorCategory.ResourceExists)]
    [InlineData(8, "rate limit exceeded", "Entity", "MilvusRateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData(65535, "database:db2 not empty, must drop all collections before drop database", "Database", "MilvusDatabaseNotEmpty", ErrorCategory.InvalidOperation)]
    [InlineData(65535, "collection already exists", "Collection", "MilvusCollectionExists", ErrorCategory.ResourceExists)]
    [InlineData(65535, "something odd", "Collection", "MilvusCollectionOperationFailed", ErrorCategory.NotSpecified)]
    [InlineData(1100, "groupBy field(nosuch) not found in schema: invalid parameter", "Entity", "MilvusEntityInvalidArgument", ErrorCategory.InvalidArgument)]
    [InlineData(1100, "highlight field not found in schema: body", "Entity", "MilvusEntityInvalidArgument", ErrorCategory.InvalidArgument)]
    public void ServerCodesMapToStableIdsAndCategories(int code, string message, string thing, string errorId, ErrorCategory category)
    {
        var (id, actualCategory, _) = MilvusErrorMapper.Classify(new MilvusFailure(code, null, message), thing);
        Assert.Equal(errorId, id);
        Assert.Equal(category, actualCategory);
    }

    [Theory]
    [InlineData(RpcStatusCode.Unauthenticated, "MilvusConnectionNotAuthenticated", ErrorCategory.AuthenticationError)]
    [InlineData(RpcStatusCode.PermissionDenied, "MilvusConnectionPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(RpcStatusCode.Unavailable, "MilvusConnectionUnavailable", ErrorCategory.ConnectionError)]
    [InlineData(RpcStatusCode.DeadlineExceeded, "MilvusConnectionTimeout", ErrorCategory.OperationTimeout)]
    [InlineData(RpcStatusCode.ResourceExhausted, "MilvusConnectionLimitExceeded", ErrorCategory.LimitsExceeded)]
    public void GrpcStatusesMapThroughTheReader(RpcStatusCode status, string errorId, ErrorCategory category)
    {
        var exception = new MilvusRpcException(status, "detail text");
        ErrorRecord record = MilvusErrorMapper.ToErrorRecord(FailureReader.Read(exception), exception, "Connection", "target");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("detail text", record.ErrorDetails.Message);
        Assert.Same(exception, record.Exception);
        Assert.Equal("target", record.TargetObject);
    }

    [Fact]
    public void ServerErrorKeepsReasonCodeAndRecommendation()
    {
        var exception = new MilvusException(101, "failed to search: collection not loaded[collection=7]");
        ErrorRecord record = MilvusErrorMapper.ToErrorRecord(FailureReader.Read(exception), exception, "Entity", "docs");
        Assert.Equal("MilvusCollectionNotLoaded", record.FullyQualifiedErrorId);
        Assert.Equal("failed to search: collection not loaded[collection=7] (Milvus code 101)", record.ErrorDetails.Message);
        Assert.Equal("Run Mount-MilvusCollection first.", record.ErrorDetails.RecommendedAction);
        Assert.Equal("docs", record.TargetObject);
    }

    [Theory]
    [InlineData(65535, "partition cannot be dropped, partition is loaded, please release it first",
        "Release it with Dismount-MilvusPartition, then run Remove-MilvusPartition again.")]
    [InlineData(1100, "can't alter index on loaded collection, please release the collection first: invalid parameter",
        "Release the collection with Dismount-MilvusCollection, change the index, then load it again with Mount-MilvusCollection.")]
    [InlineData(65535, "index cannot be dropped, collection is loaded, please release it first",
        "Release the collection with Dismount-MilvusCollection, then run Remove-MilvusIndex again.")]
    [InlineData(1100, "create duplicate collection with different parameters, collection: c: invalid parameter",
        "A collection with this name already exists with another schema: choose another -Name, or remove the old one with Remove-MilvusCollection.")]
    [InlineData(1100, "the dim (3) of field data(vector) is not equal to schema dim (2): invalid parameter[expected=2][actual=3]",
        "Give as many values as the vector field's Dimension (Get-MilvusCollection <name> lists it in Fields).")]
    [InlineData(65535, "at most one distinct index is allowed per field",
        "A field has one index: release the collection (Dismount-MilvusCollection), remove the old index with Remove-MilvusIndex, create the new one, then Mount-MilvusCollection.")]
    [InlineData(65535, "database:d2 not empty, must drop all collections before drop database",
        "Remove its collections first (Get-MilvusCollection -Database <name> | Remove-MilvusCollection), then the database.")]
    [InlineData(1100, "database already exist: d2: invalid parameter", "Use it (Use-MilvusDatabase, or -Database on any cmdlet), or choose another name.")]
    [InlineData(1100, "failed to create query plan: cannot parse expression: foo >, error: line 1:5 mismatched input '<EOF>' expecting an expression: invalid parameter",
        "Check the filter's syntax (Get-Help about_Milvus_Filters): == to compare, quoted strings, and, or, not, in [...].")]
    public void ReasonsThatNeedAStepFirstNameTheCmdlet(int code, string reason, string recommendation)
    {
        var exception = new MilvusException(code, reason);
        ErrorRecord record = MilvusErrorMapper.ToErrorRecord(FailureReader.Read(exception), exception, "Index", "docs");
        Assert.Equal(recommendation, record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void ClientSideValidationIsInvalidArgument()
    {
        var exception = new ParamError("collection_name must be a non-empty string");
        var (id, category, _) = MilvusErrorMapper.Classify(FailureReader.Read(exception), "Collection");
        Assert.Equal("MilvusCollectionInvalidArgument", id);
        Assert.Equal(ErrorCategory.InvalidArgument, category);
    }

    [Fact]
    public void ConnectErrorIsAConnectionError()
    {
        var exception = new ConnectError("Fail connecting to server on localhost:1");
        var (id, category, _) = MilvusErrorMapper.Classify(FailureReader.Read(exception), "Connection");
        Assert.Equal("MilvusConnectionUnavailable", id);
        Assert.Equal(ErrorCategory.ConnectionError, category);
    }

    [Fact]
    public void TimeoutIsOperationTimeout()
    {
        var exception = new MilvusCallTimeoutException(3, new OperationCanceledException());
        var (id, category, recommendation) = MilvusErrorMapper.Classify(FailureReader.Read(exception), "Index");
        Assert.Equal("MilvusTimeout", id);
        Assert.Equal(ErrorCategory.OperationTimeout, category);
        Assert.Equal("Retry with a larger -TimeoutSec.", recommendation);
        Assert.Equal("The Milvus call did not finish within 3 s (-TimeoutSec) and was cancelled.", exception.Message);
    }

    [Fact]
    public void CancellationIsRecognisedThroughWrappers()
    {
        Assert.True(FailureReader.IsCancellation(new OperationCanceledException()));
        Assert.True(FailureReader.IsCancellation(new MilvusRpcException(RpcStatusCode.Cancelled, "cancelled")));
        Assert.True(FailureReader.IsCancellation(new MilvusException(1, "x", innerException: new TaskCanceledException())));
        Assert.False(FailureReader.IsCancellation(new MilvusException(100, "collection not found")));
    }
}
