# Shared parameter descriptions used by tools/Update-HelpMarkdown.ps1 when a page has none yet.
# Keys: "<Parameter>" for every cmdlet, "<Cmdlet>:<Parameter>" for one cmdlet, "Input:<Type>"/"Output:<Type>" for types.
@{
    'Connection'          = 'The connection to use (a MilvusConnection from Connect-Milvus -PassThru, or the name given to Connect-Milvus -Name). Binds by property name, so objects piped from another Milvus cmdlet go back to the server they came from. Without it the default connection of the current runspace is used; if there is none, the cmdlet stops with the error MilvusNotConnected.'
    'Database'            = 'The database to work in. Binds by property name (DatabaseName) from piped objects. Without it the connection''s current database is used (see Use-MilvusDatabase).'
    'CollectionName'      = 'The name of the collection (an alias name also works). Binds by property name, so collection objects from Get-MilvusCollection can be piped in. Tab completion lists the collections of the connection.'
    'PartitionName'       = 'The partition to work in. Without it, the whole collection (all partitions) is used.'
    'Filter'              = 'A Milvus boolean expression that selects entities, for example ''age > 30 and lang == "en"''. Use single quotes in PowerShell so that $ and double quotes reach Milvus unchanged. See about_Milvus_Filters.'
    'Id'                  = 'Primary key values (INT64 or VARCHAR, following the collection''s primary field). Binds by property name (Id, or the alias PrimaryKey).'
    'TimeoutSec'          = 'Cancels the call if it has not finished after this many seconds (the call then fails with MilvusTimeout). The default is no timeout; Ctrl+C always cancels.'
    'PassThru'            = 'Writes the result object to the pipeline. By default this cmdlet writes nothing.'
    'NoWait'              = 'Returns as soon as the server has accepted the request instead of waiting (with progress) for the operation to finish.'
    'Force'               = 'Skips the extra confirmation this cmdlet asks for in hazardous cases.'
    'Confirm'             = 'Prompts you for confirmation before running the cmdlet. In runbooks pass -Confirm:$false.'
    'WhatIf'              = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    'Property'            = 'The fields to return (pymilvus output_fields). Use ''*'' for every scalar and vector field. Names of dynamic fields work too.'
    'ConsistencyLevel'    = 'The consistency level of the read: Strong, Session, Bounded or Eventually. Without it the collection''s own level is used.'
    'InputObject'         = 'The rows to write: hashtables, PSCustomObjects or any objects whose property names match the field names (case-insensitively). Accepts pipeline input; passing an array skips per-object pipeline overhead.'
    'User'                = 'The user name. Binds by property name (UserName) from piped user objects.'
    'Role'                = 'The role name. Binds by property name (RoleName) from piped role objects.'
    'Name'                = 'The name of the object.'
    'Input:System.String' = 'A name, bound by value or by property name.'
}
