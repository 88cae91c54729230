using System.Management.Automation;

namespace Milvus.PowerShell.Errors;

/// <summary>
/// Maps Milvus failures to ErrorRecords with stable ErrorIds (<c>Milvus&lt;Thing&gt;&lt;Reason&gt;</c>), the
/// ErrorCategory of the style guide (§2.4), the target object, the server's reason in ErrorDetails and a
/// RecommendedAction where there is an obvious fix.
/// </summary>
internal static class MilvusErrorMapper
{
    /// <summary>A Milvus code with a fixed meaning: the ErrorId it gets, its category and what the user can do.</summary>
    private sealed record KnownCode(string ErrorId, ErrorCategory Category, string? Recommendation = null);

    private static readonly Dictionary<int, KnownCode> KnownCodes = new()
    {
        [2] = new("MilvusServiceUnavailable", ErrorCategory.ConnectionError, "Check that the Milvus server is running and reachable."),
        [3] = new("MilvusMemoryLimitExceeded", ErrorCategory.LimitsExceeded, "Release other collections (Dismount-MilvusCollection) or add memory."),
        [4] = new("MilvusRequestLimitExceeded", ErrorCategory.LimitsExceeded),
        [7] = new("MilvusDiskLimitExceeded", ErrorCategory.LimitsExceeded),
        [8] = new("MilvusRateLimited", ErrorCategory.LimitsExceeded, "Slow down the request rate, or retry later."),
        [9] = new("MilvusQuotaExceeded", ErrorCategory.QuotaExceeded),
        [10] = new("MilvusNotSupported", ErrorCategory.NotImplemented),
        [100] = new("MilvusCollectionNotFound", ErrorCategory.ObjectNotFound, "Check the name with Get-MilvusCollection."),
        [101] = new("MilvusCollectionNotLoaded", ErrorCategory.InvalidOperation, "Run Mount-MilvusCollection first."),
        [102] = new("MilvusCollectionLimitExceeded", ErrorCategory.LimitsExceeded),
        [103] = new("MilvusCollectionNotFullyLoaded", ErrorCategory.ResourceBusy, "Wait for Mount-MilvusCollection to finish."),
        [104] = new("MilvusCollectionAlreadyLoaded", ErrorCategory.InvalidOperation),
        [105] = new("MilvusCollectionSchemaInvalid", ErrorCategory.InvalidArgument),
        [200] = new("MilvusPartitionNotFound", ErrorCategory.ObjectNotFound, "Check the name with Get-MilvusPartition."),
        [201] = new("MilvusPartitionNotLoaded", ErrorCategory.InvalidOperation, "Run Mount-MilvusPartition first."),
        [202] = new("MilvusPartitionNotFullyLoaded", ErrorCategory.ResourceBusy),
        [250] = new("MilvusCapacityExceeded", ErrorCategory.LimitsExceeded),
        [700] = new("MilvusIndexNotFound", ErrorCategory.ObjectNotFound, "Create one with New-MilvusIndex."),
        [701] = new("MilvusIndexTypeNotSupported", ErrorCategory.InvalidArgument),
        [702] = new("MilvusIndexExists", ErrorCategory.ResourceExists),
        [800] = new("MilvusDatabaseNotFound", ErrorCategory.ObjectNotFound, "Check the name with Get-MilvusDatabase."),
        [801] = new("MilvusDatabaseLimitExceeded", ErrorCategory.LimitsExceeded),
        [802] = new("MilvusDatabaseNameInvalid", ErrorCategory.InvalidArgument),
        [1101] = new("MilvusParameterMissing", ErrorCategory.InvalidArgument),
        [1102] = new("MilvusParameterTooLarge", ErrorCategory.LimitsExceeded),
        [1400] = new("MilvusNotAuthenticated", ErrorCategory.AuthenticationError, "Connect-Milvus with valid -Credential or -Token."),
        [1401] = new("MilvusPermissionDenied", ErrorCategory.PermissionDenied, "Ask an administrator to grant the needed privilege."),
        [1600] = new("MilvusAliasNotFound", ErrorCategory.ObjectNotFound, "Check the name with Get-MilvusAlias."),
        [1601] = new("MilvusAliasConflict", ErrorCategory.ResourceExists),
        [1602] = new("MilvusAliasExists", ErrorCategory.ResourceExists, "Use Set-MilvusAlias to re-point an existing alias."),
        [1700] = new("MilvusFieldNotFound", ErrorCategory.ObjectNotFound),
        [1701] = new("MilvusFieldNameInvalid", ErrorCategory.InvalidArgument),
        [3000] = new("MilvusOperationNotSupported", ErrorCategory.NotImplemented),
        [10001] = new("MilvusTimeout", ErrorCategory.OperationTimeout, "Retry with a larger -TimeoutSec."),
    };

    /// <summary>
    /// Milvus reasons that tell the user to call a server API or SDK step; the cmdlet that does it. Checked when the
    /// code has no recommendation of its own.
    /// </summary>
    private static readonly (string Fragment, string Recommendation)[] ReasonRecommendations =
    [
        ("please create index firstly", "Create a vector index with New-MilvusIndex, then run Mount-MilvusCollection again."),
        ("count entities with pagination is not allowed", "Count entities with Measure-MilvusEntity (-Filter counts a subset); Get-MilvusEntity cannot page a count(*)."),
        ("expected vector size(byte)", "Give as many values as the vector field's Dimension (Get-MilvusCollection <name> lists it in Fields); the sizes in the message are bytes (4 per float value)."),
        ("Use REVOKE API", "Revoke the grants first with Revoke-MilvusPrivilege (Get-MilvusPrivilege -Role <role> | Revoke-MilvusPrivilege), or remove the role with Remove-MilvusRole -Force, which revokes them."),
        ("partition cannot be dropped, partition is loaded", "Release it with Dismount-MilvusPartition, then run Remove-MilvusPartition again."),
        ("can't alter index on loaded collection", "Release the collection with Dismount-MilvusCollection, change the index, then load it again with Mount-MilvusCollection."),
        ("index cannot be dropped, collection is loaded", "Release the collection with Dismount-MilvusCollection, then run Remove-MilvusIndex again."),
        ("create duplicate collection with different parameters", "A collection with this name already exists with another schema: choose another -Name, or remove the old one with Remove-MilvusCollection."),
        ("is not equal to schema dim", "Give as many values as the vector field's Dimension (Get-MilvusCollection <name> lists it in Fields)."),
        ("at most one distinct index is allowed per field", "A field has one index: release the collection (Dismount-MilvusCollection), remove the old index with Remove-MilvusIndex, create the new one, then Mount-MilvusCollection."),
        ("must drop all collections before drop database", "Remove its collections first (Get-MilvusCollection -Database <name> | Remove-MilvusCollection), then the database."),
        ("database already exist", "Use it (Use-MilvusDatabase, or -Database on any cmdlet), or choose another name."),
        ("cannot parse expression", "Check the filter's syntax (Get-Help about_Milvus_Filters): == to compare, quoted strings, and, or, not, in [...]."),
    ];

    /// <summary>gRPC status names (Grpc.Core.StatusCode) that the transport reports, with their category and reason.</summary>
    private static readonly Dictionary<string, (string Reason, ErrorCategory Category)> GrpcStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NotFound"] = ("NotFound", ErrorCategory.ObjectNotFound),
        ["AlreadyExists"] = ("Exists", ErrorCategory.ResourceExists),
        ["PermissionDenied"] = ("PermissionDenied", ErrorCategory.PermissionDenied),
        ["Unauthenticated"] = ("NotAuthenticated", ErrorCategory.AuthenticationError),
        ["DeadlineExceeded"] = ("Timeout", ErrorCategory.OperationTimeout),
        ["Unavailable"] = ("Unavailable", ErrorCategory.ConnectionError),
        ["InvalidArgument"] = ("InvalidArgument", ErrorCategory.InvalidArgument),
        ["ResourceExhausted"] = ("LimitExceeded", ErrorCategory.LimitsExceeded),
        ["Unimplemented"] = ("NotSupported", ErrorCategory.NotImplemented),
        ["Cancelled"] = ("Cancelled", ErrorCategory.OperationStopped),
    };

    /// <summary>
    /// Builds the ErrorRecord for a failed call.
    /// </summary>
    /// <param name="failure">The normalized failure.</param>
    /// <param name="exception">The original exception, kept as the record's Exception.</param>
    /// <param name="thing">What the cmdlet works on (Collection, Index, ...), used for generic failures.</param>
    /// <param name="target">The TargetObject: the name or object the call was about.</param>
    public static ErrorRecord ToErrorRecord(MilvusFailure failure, Exception exception, string thing, object? target)
    {
        (string errorId, ErrorCategory category, string? recommendation) = Classify(failure, thing);
        recommendation ??= ReasonRecommendations.FirstOrDefault(r => Contains(failure.Message, r.Fragment)).Recommendation;
        var record = new ErrorRecord(exception, errorId, category, target);
        string reason = failure.Code != 0 ? $"{failure.Message} (Milvus code {failure.Code})" : failure.Message;
        record.ErrorDetails = new ErrorDetails(reason);
        if (recommendation is not null)
        {
            record.ErrorDetails.RecommendedAction = recommendation;
        }

        record.CategoryInfo.Reason = errorId;
        return record;
    }

    internal const string UnreachableAction =
        "Check that the Milvus server is running and reachable (Test-MilvusConnection), then Connect-Milvus again; -CallTimeoutSec sets how long calls wait.";

    /// <summary>The failure kind of a Milvus 3.0 call that an older server does not implement.</summary>
    internal const string ServerTooOld = "ServerTooOld";

    internal static (string ErrorId, ErrorCategory Category, string? Recommendation) Classify(MilvusFailure failure, string thing)
    {
        if (failure.GrpcStatus == ServerTooOld)
        {
            return ("MilvusServerVersionIncompatible", ErrorCategory.NotImplemented, "Upgrade the server to Milvus 3.0 or later.");
        }

        if (failure.Code != 0 && KnownCodes.TryGetValue(failure.Code, out KnownCode? known))
        {
            return (known.ErrorId, known.Category, known.Recommendation);
        }

        if (failure.GrpcStatus is not null && GrpcStatuses.TryGetValue(failure.GrpcStatus, out var grpc))
        {
            string? action = grpc.Category == ErrorCategory.ConnectionError ? UnreachableAction : null;
            return ("Milvus" + thing + grpc.Reason, grpc.Category, action);
        }

        // Codes without a fixed meaning (1100 invalid parameter, 65535 unexpected...): the reason text decides.
        string message = failure.Message;
        if (Contains(message, "already exist"))
        {
            return ("Milvus" + thing + "Exists", ErrorCategory.ResourceExists, null);
        }

        if (Contains(message, "not found in schema"))
        {
            // A field named by a parameter (-GroupBy, -Highlight) that the collection lacks: the argument is wrong, the target exists.
            return ("Milvus" + thing + "InvalidArgument", ErrorCategory.InvalidArgument, "Check the field name with Get-MilvusCollection <name> (Fields).");
        }

        if (Contains(message, "not found") || Contains(message, "doesn't exist") || Contains(message, "does not exist"))
        {
            return ("Milvus" + thing + "NotFound", ErrorCategory.ObjectNotFound, null);
        }

        if (Contains(message, "not empty"))
        {
            return ("Milvus" + thing + "NotEmpty", ErrorCategory.InvalidOperation, null);
        }

        if (failure.Code == 1100 || Contains(message, "invalid") || Contains(message, "cannot parse"))
        {
            return ("Milvus" + thing + "InvalidArgument", ErrorCategory.InvalidArgument, null);
        }

        return ("Milvus" + thing + "OperationFailed", ErrorCategory.NotSpecified, null);
    }

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
