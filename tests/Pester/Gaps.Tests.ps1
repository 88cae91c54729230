# The cmdlets for the last pymilvus methods: search_iterator (Search-MilvusEntity -Iterate), get_compaction_plans
# (Get-MilvusCompactionState -IncludePlan), get_server_type (Get-MilvusServerVersion -ServerType), alter_collection_function
# (Set-MilvusCollection -AlterFunction) and the replication cmdlets, against a local .db and Milvus.Local.Server.
BeforeDiscovery { $backends = @(@{ Backend = 'local' }, @{ Backend = 'server' }) }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'DataTests.Helpers.psm1') -Force
    Import-MilvusUnderTest
}

Describe 'Cmdlets for the remaining pymilvus methods (<Backend>)' -ForEach $backends {
    BeforeAll {
        $ctx = Connect-TestBackend -Backend $Backend
        $c = $ctx.Connection
        $col = New-TestName 'gap'
        New-MilvusCollection -Connection $c -Name $col -Dimension 2 -ConsistencyLevel Strong | Out-Null
        1..50 | ForEach-Object { @{ id = $_; vector = [float[]]($_, 1) } } | Add-MilvusEntity -Connection $c -CollectionName $col
    }
    AfterAll { Disconnect-TestBackend $ctx }

    It 'Search-MilvusEntity -Iterate pages through the same hits as one search, in order' {
        $search = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Limit 20)
        $pages = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Limit 20 -Iterate -BatchSize 7)
        $pages.Count | Should -Be 20
        $pages.Id | Should -Be (1..20)
        $pages.Id | Should -Be $search.Id
        $pages.Distance | Should -Be $search.Distance
        [math]::Round($pages[0].Distance, 6) | Should -Be 0.948683   # COSINE of (0.5, 1) and (1, 1): 1.5 / sqrt(2.5)
        [math]::Round($pages[1].Distance, 6) | Should -Be 0.8
        ($pages | ForEach-Object Rank) | Should -Be (1..20)
        ($pages | ForEach-Object QueryIndex | Select-Object -Unique) | Should -Be 0
    }
    It 'Search-MilvusEntity -Iterate without -Limit returns every hit once' {
        $all = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 7)
        $all.Count | Should -Be 50
        @($all.Id | Select-Object -Unique).Count | Should -Be 50
        $all[-1].Id | Should -Be 50
    }
    It 'Search-MilvusEntity -Iterate stops cleanly under Select-Object -First' {
        $first = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 2 | Select-Object -First 3)
        $first.Id | Should -Be 1, 2, 3
    }
    It 'Search-MilvusEntity -Iterate honours -Filter and -Property' {
        $hits = @(Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -BatchSize 4 -Filter 'id > 40' -Property id)
        $hits.Id | Should -Be (41..50)
    }
    It 'Search-MilvusEntity -Iterate iterates each piped query vector in turn, numbered by QueryIndex' {
        $hits = @([pscustomobject]@{ Vector = [float[]](0.5, 1) }, [pscustomobject]@{ Vector = [float[]](50, 1) } |
            Search-MilvusEntity -Connection $c -CollectionName $col -Iterate -BatchSize 2 -Limit 3)
        ($hits | ForEach-Object QueryIndex) | Should -Be 0, 0, 0, 1, 1, 1
        ($hits | ForEach-Object Rank) | Should -Be 1, 2, 3, 1, 2, 3
        $hits[0..2].Id | Should -Be 1, 2, 3
        $hits[3].Id | Should -Be 50
    }
    It 'Search-MilvusEntity -Iterate refuses -GroupBy with a typed error' {
        { Search-MilvusEntity -Connection $c -CollectionName $col -Vector 0.5, 1 -Iterate -GroupBy id -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusIteratorOptionNotSupported*'
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
    It 'Get-MilvusServerVersion -ServerType is "milvus"' {
        Get-MilvusServerVersion -Connection $c -ServerType | Should -BeExactly 'milvus'
    }
    It 'Set-MilvusCollection -AlterFunction reports the engine''s unsupported operation' {
        $fn = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
        Set-MilvusCollection -Connection $c -Name $col -AlterFunction $fn -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-NotSupported $err 'AlterCollectionFunction'
    }
    It 'Set-MilvusCollection -AlterFunction -WhatIf changes nothing' {
        $fn = New-MilvusFunction -Name bm25 -FunctionType BM25 -InputField text -OutputField sparse
        Set-MilvusCollection -Connection $c -Name $col -AlterFunction $fn -WhatIf | Should -BeNullOrEmpty
    }
    It 'Get-MilvusReplicateConfiguration reports the engine''s unsupported operation' {
        Get-MilvusReplicateConfiguration -Connection $c -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-NotSupported $err 'GetReplicateConfiguration'
    }
    It 'Set-MilvusReplicateConfiguration reports the engine''s unsupported operation and never shows the token' {
        $cluster = @{ ClusterId = 'a'; Uri = 'http://a:19530'; Token = 's3cret-token'; Pchannels = 'a-dml_0', 'a-dml_1' }
        Set-MilvusReplicateConfiguration -Connection $c -Cluster $cluster -Topology @{ SourceClusterId = 'a'; TargetClusterId = 'b' } -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-NotSupported $err 'UpdateReplicateConfiguration'
        ($err[0] | Out-String) | Should -Not -Match 's3cret'
    }
    It 'Set-MilvusReplicateConfiguration without a ClusterId is a typed parameter error' {
        { Set-MilvusReplicateConfiguration -Connection $c -Cluster @{ Uri = 'http://a:19530' } -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'MilvusReplicateConfigurationInvalid*'
    }
    It 'Get-MilvusWalMessage reports that the engine has no WAL to dump' {
        Get-MilvusWalMessage -Connection $c -Pchannel 'p' -StartMessageId '' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Milvus*NotSupported*'
        $err[0].CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}
