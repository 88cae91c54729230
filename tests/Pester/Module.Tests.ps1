# The module's shape: manifest, exports, cmdlet conventions, format data, dependency layout. No server needed.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    $script:ModulePath = Get-MilvusTestModulePath
    Import-Module $script:ModulePath -Force
    $script:Manifest = Import-PowerShellDataFile $script:ModulePath
    $script:Commands = @(Get-Command -Module Milvus -CommandType Cmdlet)
    $script:ModuleDir = Split-Path $script:ModulePath
}

Describe 'Milvus module manifest' -Tag Unit {
    It 'is a valid manifest for PowerShell 7.4+ Core' {
        $info = Test-ModuleManifest $script:ModulePath
        $info.Name | Should -Be 'Milvus'
        $info.PowerShellVersion | Should -Be ([version]'7.4')
        $info.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'exports explicitly, with no functions or variables' {
        $script:Manifest.FunctionsToExport | Should -HaveCount 0
        $script:Manifest.VariablesToExport | Should -HaveCount 0
        $script:Manifest.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'lists every command the module has' {
        foreach ($command in $script:Commands) {
            $script:Manifest.CmdletsToExport | Should -Contain $command.Name -Because "$($command.Name) is a cmdlet of the module"
        }
    }

    It 'lists every alias the module has' {
        foreach ($alias in @(Get-Command -Module Milvus -CommandType Alias)) {
            $script:Manifest.AliasesToExport | Should -Contain $alias.Name
        }
    }

    It 'has PSData for the gallery' {
        $psData = $script:Manifest.PrivateData.PSData
        $psData.Tags | Should -Contain 'Milvus'
        $psData.LicenseUri | Should -BeExactly 'https://www.apache.org/licenses/LICENSE-2.0'
        # Every link points somewhere real: no placeholder host (issue 17 §10); ProjectUri comes with a public address.
        $psData.Keys | Should -Not -Contain 'ProjectUri'
        (Get-Content -Raw $script:ModulePath) | Should -Not -Match 'example\.invalid'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'Cmdlet conventions' -Tag Unit {
    It '<Name> declares its output type' -ForEach @(Get-Command -Module Milvus -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) | Should -Not -BeNullOrEmpty
    }

    It '<Name> supports -WhatIf/-Confirm' -ForEach @(
        Get-Command -Module Milvus -Verb New, Set, Remove, Clear, Rename, Mount, Dismount, Use, Add, Grant, Revoke, Save, Compress, Move | Where-Object CommandType -EQ Cmdlet |
            Where-Object Name -NotIn 'New-MilvusField', 'New-MilvusSchema', 'New-MilvusFunction', 'New-MilvusAnnSearchRequest' |
            ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        $Command.Parameters.Keys | Should -Contain 'WhatIf'
        $Command.Parameters.Keys | Should -Contain 'Confirm'
    }

    It '<Name> asks for confirmation by default (ConfirmImpact High)' -ForEach @(
        @{ Name = 'Remove-MilvusCollection' }, @{ Name = 'Clear-MilvusCollection' }, @{ Name = 'Remove-MilvusDatabase' }, @{ Name = 'Remove-MilvusPartition' }) {
        $attribute = (Get-Command $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }

    It '<Name> takes -Connection and -Database from piped objects' -ForEach @(
        Get-Command -Module Milvus -CommandType Cmdlet | Where-Object Name -NotIn 'Connect-Milvus', 'Disconnect-Milvus', 'Get-MilvusConnection', 'New-MilvusField', 'New-MilvusSchema', 'New-MilvusFunction', 'New-MilvusAnnSearchRequest' |
            ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        foreach ($parameter in 'Connection', 'Database') {
            $Command.Parameters[$parameter].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName |
                Should -Contain $true -Because "-$parameter binds by property name"
        }
    }

    # Issue 17 §6: the noun's own identity is -Name; the names the cmdlets had before stay as aliases.
    It '<Name> names its object with -Name' -ForEach @(
        Get-Command -Module Milvus -Noun MilvusCollection, MilvusPartition, MilvusIndex, MilvusAlias, MilvusDatabase, MilvusUser,
            MilvusRole, MilvusPrivilegeGroup, MilvusResourceGroup, MilvusSnapshot, MilvusFileResource |
            # Unlock-MilvusSnapshot takes the -PinId that Lock returned.
            Where-Object Name -NotIn 'Unlock-MilvusSnapshot' |
            ForEach-Object { @{ Name = $_.Name; Command = $_ } }) {
        $Command.Parameters.Keys | Should -Contain 'Name'
    }
    It '<Name> -Name keeps <Aliases> as aliases' -ForEach @(
        @{ Name = 'Get-MilvusPartition'; Aliases = 'PartitionName', 'Partition' }
        @{ Name = 'New-MilvusPartition'; Aliases = 'PartitionName', 'Partition' }
        @{ Name = 'Remove-MilvusPartition'; Aliases = 'PartitionName', 'Partition' }
        @{ Name = 'Mount-MilvusPartition'; Aliases = 'PartitionName', 'Partition' }
        @{ Name = 'Dismount-MilvusPartition'; Aliases = 'PartitionName', 'Partition' }
        @{ Name = 'Get-MilvusIndex'; Aliases = @('IndexName') }
        @{ Name = 'New-MilvusIndex'; Aliases = @('IndexName') }
        @{ Name = 'Remove-MilvusIndex'; Aliases = @('IndexName') }
        @{ Name = 'Set-MilvusIndex'; Aliases = @('IndexName') }
        @{ Name = 'Get-MilvusAlias'; Aliases = @('Alias') }
        @{ Name = 'New-MilvusAlias'; Aliases = @('Alias') }
        @{ Name = 'Remove-MilvusAlias'; Aliases = @('Alias') }
        @{ Name = 'Set-MilvusAlias'; Aliases = @('Alias') }
        @{ Name = 'Get-MilvusRole'; Aliases = @('RoleName') }
        @{ Name = 'Grant-MilvusRole'; Aliases = 'Role', 'RoleName' }
        @{ Name = 'Revoke-MilvusRole'; Aliases = 'Role', 'RoleName' }
        @{ Name = 'Get-MilvusUser'; Aliases = @('UserName') }
        @{ Name = 'Get-MilvusPrivilegeGroup'; Aliases = @('GroupName') }
        @{ Name = 'Get-MilvusCollection'; Aliases = @('CollectionName') }) {
        @((Get-Command $Name).Parameters['Name'].Aliases) | Should -Be $Aliases
    }
    It '<Name> -Name of a child object does not bind a piped collection''s Name' -ForEach @(
        @{ Name = 'Get-MilvusPartition' }, @{ Name = 'Get-MilvusIndex' }, @{ Name = 'Get-MilvusAlias' }, @{ Name = 'New-MilvusIndex' }, @{ Name = 'New-MilvusAlias' }) {
        (Get-Command $Name).Parameters['Name'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName |
            Should -Not -Contain $true
    }

    It 'child cmdlets bind -CollectionName from a piped collection (alias property)' {
        $collection = [Milvus.PowerShell.Models.MilvusCollectionInfo]@{ Name = 'docs' }
        $collection.CollectionName | Should -Be 'docs'
    }
}

Describe 'Format and type data' -Tag Format {
    It 'has a table view for <_>' -ForEach 'MilvusConnection', 'MilvusCollectionInfo', 'MilvusFieldInfo', 'MilvusIndexInfo', 'MilvusPartitionInfo', 'MilvusAliasInfo', 'MilvusDatabaseInfo' {
        Get-FormatData -TypeName "Milvus.PowerShell.Models.$_" | Should -Not -BeNullOrEmpty
    }

    # Issue 17 §10: a default table view shows every column and whole values in an 80-column console (no dropped
    # column, no "…" in the values that identify a row).
    It 'renders <Type> in 80 columns' -ForEach @(
        @{ Type = 'MilvusMutationResult'; Properties = @{ Operation = 'Upsert'; CollectionName = 'product_catalog'; PartitionName = 'p2026';
                InsertCount = 1000; UpsertCount = 1000; DeleteCount = 1000; Batch = 12; Ids = @(1) }
            Headers = 'Operation', 'CollectionName', 'Partition', 'Inserted', 'Upserted', 'Deleted', 'Batch', 'Ids'
            Values = 'product_catalog', 'p2026' }
        @{ Type = 'MilvusSegmentInfo'; Properties = @{ CollectionName = 'product_catalog'; SegmentId = 470974787305865216; NumRows = 1048576
                State = 'Flushed'; Level = 'L1'; IsLoaded = $true }
            Headers = 'CollectionName', 'SegmentId', 'NumRows', 'State', 'Level', 'IsLoaded'
            Values = 'product_catalog', '470974787305865216', 'Flushed', 'True' }
        @{ Type = 'MilvusResourceGroupInfo'; Properties = @{ Name = '__default_resource_group'; Capacity = 1000; NumAvailableNode = 1000
                RequestsNodeNum = 1000; LimitsNodeNum = 1000; NumLoadedReplica = @{ product_catalog = 2; archive = 1 } }
            Headers = 'Name', 'Capacity', 'Available', 'Requests', 'Limits', 'Replicas'
            Values = '__default_resource_group', '3' }
        @{ Type = 'MilvusPrivilegeGrant'; Properties = @{ RoleName = 'catalog_rw'; ObjectType = 'Global'; ObjectName = 'product_catalog'
                DatabaseName = 'default'; Privilege = 'CollectionReadWrite'; GrantorName = 'root' }
            Headers = 'RoleName', 'ObjectType', 'ObjectName', 'Database', 'Privilege', 'GrantorName'
            Values = 'catalog_rw', 'product_catalog', 'CollectionReadWrite' }
        @{ Type = 'MilvusFieldInfo'; Properties = @{ Name = 'embedding'; DataType = 'SparseFloatVector'; Nullable = $true; Description = 'BM25' }
            Headers = 'Name', 'DataType', 'Primary', 'AutoId', 'Dim', 'MaxLen', 'Nullable', 'Description'
            Values = 'embedding', 'SparseFloatVector', 'BM25' }
        @{ Type = 'MilvusSnapshotInfo'; Properties = @{ Name = 'nightly_2026_12_07'; CollectionName = 'product_catalog'
                CreatedAt = [DateTimeOffset]::new(2026, 12, 7, 6, 50, 27, [TimeSpan]::Zero); Description = 'before the migration' }
            Headers = 'Name', 'CollectionName', 'CreatedAt', 'Description'
            Values = 'nightly_2026_12_07', 'product_catalog', 'before the migration' }) {
        $object = New-Object "Milvus.PowerShell.Models.$Type" -Property $Properties
        $lines = @(($object | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3 -Because ($lines -join "`n")
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be $Headers
        foreach ($value in $Values) { $lines[2] | Should -Match ([regex]::Escape($value) + '(\s|$)') }
        $lines[2] | Should -Not -Match '…'
    }
}

Describe 'Dependency layout' -Tag Unit {
    It 'keeps gRPC, Protobuf, SQLite and the client out of the module root' {
        $root = @(Get-ChildItem $script:ModuleDir -Filter *.dll).Name
        $root | Should -Be @('Milvus.PowerShell.dll')
        foreach ($dll in 'Milvus.Client.dll', 'Milvus.Local.dll', 'Milvus.Protocol.dll', 'Google.Protobuf.dll', 'Grpc.Net.Client.dll', 'Microsoft.Data.Sqlite.dll') {
            Join-Path $script:ModuleDir "dependencies/$dll" | Should -Exist
        }
    }

    It 'ships the native SQLite library for linux-x64' {
        Join-Path $script:ModuleDir 'dependencies/runtimes/linux-x64/native/libe_sqlite3.so' | Should -Exist
    }

    It 'loads Milvus.Client into the private load context' {
        $null = [Milvus.PowerShell.Models.MilvusFieldInfo]::new().DataType   # touches a Milvus.Client type
        $client = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Milvus.Client' }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($client).Name | Should -Be 'DependencyLoadContext:Milvus'
    }
}
