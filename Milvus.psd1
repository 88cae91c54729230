@{
    # Milvus for PowerShell: binary cmdlets over AsyncMilvusClient, for Milvus servers and the built-in local engine.
    RootModule           = 'Milvus.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c4c4e-2f7b-4a0e-9a53-8c1f6d2b7e41'
    Author               = 'Milvus for PowerShell contributors'
    CompanyName          = 'Milvus for PowerShell contributors'
    Copyright            = '(c) Milvus for PowerShell contributors. Apache License 2.0.'
    Description          = 'Manage and query Milvus vector databases from PowerShell: collections, indexes, partitions, entities, vector and hybrid search, RBAC and maintenance, against a Milvus server or a local .db file with no server at all.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')

    FormatsToProcess     = @('Milvus.Format.ps1xml', 'Milvus.Data.Format.ps1xml', 'Milvus.Snapshot.Format.ps1xml')
    TypesToProcess       = @('Milvus.Types.ps1xml')

    # Explicit lists: no wildcards, so command discovery never has to load the module.
    CmdletsToExport      = @(
        # Connection
        'Connect-Milvus', 'Disconnect-Milvus', 'Get-MilvusConnection', 'Test-MilvusConnection', 'Use-MilvusDatabase',
        'Get-MilvusServerVersion',
        # Database
        'New-MilvusDatabase', 'Get-MilvusDatabase', 'Set-MilvusDatabase', 'Remove-MilvusDatabase',
        # Collection and schema
        'New-MilvusCollection', 'Get-MilvusCollection', 'Set-MilvusCollection', 'Rename-MilvusCollection',
        'Remove-MilvusCollection', 'Clear-MilvusCollection', 'Get-MilvusCollectionStatistic', 'New-MilvusField', 'New-MilvusSchema',
        'New-MilvusFunction', 'Add-MilvusFunctionField', 'Update-MilvusExternalCollection', 'Get-MilvusExternalCollectionJob',
        'Mount-MilvusCollection', 'Dismount-MilvusCollection', 'Get-MilvusLoadState',
        # Partition
        'New-MilvusPartition', 'Get-MilvusPartition', 'Remove-MilvusPartition',
        'Mount-MilvusPartition', 'Dismount-MilvusPartition',
        # Index
        'New-MilvusIndex', 'Get-MilvusIndex', 'Set-MilvusIndex', 'Remove-MilvusIndex',
        # Alias
        'New-MilvusAlias', 'Get-MilvusAlias', 'Set-MilvusAlias', 'Remove-MilvusAlias',
        # Entity and search
        'Add-MilvusEntity', 'Set-MilvusEntity', 'Get-MilvusEntity', 'Remove-MilvusEntity', 'Search-MilvusEntity',
        'Measure-MilvusEntity', 'New-MilvusAnnSearchRequest',
        # Security
        'New-MilvusUser', 'Get-MilvusUser', 'Set-MilvusUser', 'Remove-MilvusUser',
        'New-MilvusRole', 'Get-MilvusRole', 'Remove-MilvusRole', 'Grant-MilvusRole', 'Revoke-MilvusRole',
        'Grant-MilvusPrivilege', 'Revoke-MilvusPrivilege', 'Get-MilvusPrivilege',
        'New-MilvusPrivilegeGroup', 'Get-MilvusPrivilegeGroup', 'Remove-MilvusPrivilegeGroup',
        'Add-MilvusPrivilegeGroupMember', 'Remove-MilvusPrivilegeGroupMember', 'Set-MilvusRole',
        # Maintenance
        'Save-MilvusCollection', 'Compress-MilvusCollection', 'Get-MilvusCompactionState',
        'New-MilvusResourceGroup', 'Get-MilvusResourceGroup', 'Set-MilvusResourceGroup', 'Remove-MilvusResourceGroup',
        'Move-MilvusReplica', 'Get-MilvusReplica', 'Get-MilvusSegment', 'Invoke-MilvusAnalyzer',
        'Add-MilvusFileResource', 'Get-MilvusFileResource', 'Remove-MilvusFileResource',
        'Get-MilvusReplicateConfiguration', 'Set-MilvusReplicateConfiguration', 'Get-MilvusReplicateInfo', 'Get-MilvusWalMessage',
        # Snapshot
        'New-MilvusSnapshot', 'Get-MilvusSnapshot', 'Remove-MilvusSnapshot', 'Restore-MilvusSnapshot', 'Get-MilvusSnapshotRestoreJob',
        'Lock-MilvusSnapshot', 'Unlock-MilvusSnapshot'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Compact-MilvusCollection', 'Flush-MilvusCollection')

    PrivateData          = @{
        PSData = @{
            Tags         = @('Milvus', 'VectorDatabase', 'Vector', 'Embeddings', 'Search', 'ANN', 'gRPC', 'Database', 'AI', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            # No ProjectUri: the repository has no public address yet, and the Gallery shows the key as a link (add it at release).
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = '0.1.0: first release. Connect to Milvus over gRPC or to a local .db file; collections, schemas, partitions, indexes, aliases, databases, load/release, entities (insert, upsert, query, delete, count), vector and hybrid search, users, roles, privileges, resource groups, flush and compaction. Dependencies load in a private AssemblyLoadContext.'
        }
    }
}
