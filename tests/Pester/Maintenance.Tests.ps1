# Flush, compaction, segments, replicas and resource groups, against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Maintenance cmdlets (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'mnt'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        1..10 | ForEach-Object { @{ id = $_; vector = [float[]]($_, 1) } } | Add-MilvusEntity -Connection $c -CollectionName $col
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Save-MilvusCollection flushes and writes nothing without -PassThru' {
        Save-MilvusCollection -Connection $c -Name $col | Should -BeNullOrEmpty
        $r = Save-MilvusCollection -Connection $c -Name $col -PassThru
        $r | Should -BeOfType ([Milvus.PowerShell.Models.MilvusFlushResult])
        $r.CollectionName | Should -BeExactly $col
        $r.Completed | Should -BeTrue
    }
    It 'Save-MilvusCollection -All flushes every collection' {
        $r = Save-MilvusCollection -Connection $c -All -PassThru
        $r.All | Should -BeTrue
    }
    It 'Flush-MilvusCollection is an alias of Save-MilvusCollection' {
        (Get-Alias Flush-MilvusCollection).Definition | Should -BeExactly 'Save-MilvusCollection'
    }
    It 'Get-MilvusSegment lists the persisted segments with their row counts' {
        $segments = @(Get-MilvusSegment -Connection $c -CollectionName $col)
        ($segments | Measure-Object NumRows -Sum).Sum | Should -Be 10
        $segments[0].State | Should -BeExactly 'Flushed'
        $segments[0].CollectionName | Should -BeExactly $col
    }
    It 'Get-MilvusSegment marks the persisted segments that are in memory, with their index and size' {
        $segments = @(Get-MilvusSegment -Connection $c -CollectionName $col)
        $segments.IsLoaded | Should -Not -Contain $false
        $segments[0].IndexName | Should -BeExactly 'vector'
        $segments[0].MemSize | Should -BeGreaterThan 0
        Dismount-MilvusCollection -Connection $c -Name $col
        try {
            $released = @(Get-MilvusSegment -Connection $c -CollectionName $col)
            ($released | Measure-Object NumRows -Sum).Sum | Should -Be 10
            $released.IsLoaded | Should -Not -Contain $true
            $released[0].MemSize | Should -Be 0
        }
        finally { Mount-MilvusCollection -Connection $c -Name $col }
    }
    It 'Get-MilvusSegment -Loaded lists the segments in memory' {
        $segments = @(Get-MilvusSegment -Connection $c -CollectionName $col -Loaded)
        ($segments | Measure-Object NumRows -Sum).Sum | Should -Be 10
        $segments[0].IsLoaded | Should -BeTrue
    }
    It 'Compress-MilvusCollection waits for the compaction and reports it with -PassThru' {
        Remove-MilvusEntity -Connection $c -CollectionName $col -Id 1, 2
        $job = Compress-MilvusCollection -Connection $c -Name $col -PassThru
        $job | Should -BeOfType ([Milvus.PowerShell.Models.MilvusCompactionResult])
        $job.State | Should -BeExactly 'Completed'
        $job.CompactionId | Should -BeGreaterThan 0
        Measure-MilvusEntity -Connection $c -CollectionName $col | Should -Be 8
    }
    It 'Compress-MilvusCollection -NoWait returns the job, which Get-MilvusCompactionState polls' {
        $job = Compress-MilvusCollection -Connection $c -Name $col -NoWait
        $job.State | Should -BeExactly 'Executing'
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        do { $state = ($job | Get-MilvusCompactionState).State } while ($state -ne 'Completed' -and [datetime]::UtcNow -lt $deadline)
        $state | Should -BeExactly 'Completed'
        ($job | Get-MilvusCompactionState).CollectionName | Should -BeExactly $col
    }
    It 'Get-MilvusCompactionState -CollectionName alone stops with MilvusCompactionIdRequired instead of prompting for an id' {
        (Get-Command Get-MilvusCompactionState).Parameters['CompactionId'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeFalse
        $e = try { Get-MilvusCompactionState -Connection $c -CollectionName $col -ErrorAction Stop } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MilvusCompactionIdRequired,Milvus.PowerShell.Commands.GetMilvusCompactionStateCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -BeExactly $col
        $e.ErrorDetails.RecommendedAction | Should -BeExactly "Pipe the job in: Compress-MilvusCollection -Name $col | Get-MilvusCompactionState."
    }
    It 'Compress-MilvusCollection -WhatIf starts nothing' {
        Invoke-MilvusWhatIf -Connection $c -Variable @{ col = $col } { Compress-MilvusCollection -Name $col -WhatIf } | Should -BeNullOrEmpty
    }
    It 'Get-MilvusReplica describes the replica of a loaded collection' {
        $replica = @(Get-MilvusReplica -Connection $c -CollectionName $col)
        $replica.Count | Should -Be 1
        $replica[0].ResourceGroupName | Should -BeExactly '__default_resource_group'
        $replica[0].CollectionName | Should -BeExactly $col
    }
    It 'resource groups are listed, or reported as not supported by a typed error' {
        $groups = @(Get-MilvusResourceGroup -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue)
        if ($err.Count -gt 0) { Assert-NotSupported $err } else { $groups.Name | Should -Contain '__default_resource_group' }
    }
    It 'New-MilvusResourceGroup creates a group, or reports not supported' {
        $rg = New-MilvusResourceGroup -Connection $c -Name (New-TestName 'rg') -ErrorVariable err -ErrorAction SilentlyContinue
        if ($err.Count -gt 0) { Assert-NotSupported $err } else { $rg.Name | Should -BeLike 'rg_*' }
    }
    It 'an unknown collection gives MilvusCollectionNotFound and the pipeline goes on' {
        $r = Save-MilvusCollection -Connection $c -Name 'no_such_coll', $col -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'MilvusCollectionNotFound*'
        $err[0].TargetObject | Should -BeExactly 'no_such_coll'
        $r.CollectionName | Should -BeExactly $col
    }
    It 'Get-MilvusCompactionState -IncludePlan returns the state with its merge plans' {
        $job = Compress-MilvusCollection -Connection $c -Name $col -PassThru
        $state = $job | Get-MilvusCompactionState -IncludePlan
        $state.State | Should -BeExactly 'Completed'
        $state.CompactionId | Should -Be $job.CompactionId
        $state.CollectionName | Should -BeExactly $col
        $null -eq $state.Plans | Should -BeFalse -Because 'Plans is a list (empty: the local engine merges in place)'
        $state.Plans.Count | Should -Be 0
        ($job | Get-MilvusCompactionState).Plans | Should -BeNullOrEmpty
    }
}
