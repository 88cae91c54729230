# Partitions: create, list (wildcards), pipe, load/release, remove, completers. Local .db and server.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Milvus.TestHelpers.psm1') -Force
    Import-Module (Get-MilvusTestModulePath) -Force
}

Describe 'Partitions (<Mode>)' -Tag Integration -ForEach @(@{ Mode = 'local' }, @{ Mode = 'server' }) {
    BeforeAll {
        $script:Target = Connect-MilvusDocsTarget -Mode $Mode
    }

    AfterAll {
        Disconnect-MilvusTestTarget $script:Target
    }

    It 'creates partitions and lists them with row counts' {
        $created = New-MilvusPartition -CollectionName docs -PartitionName p2024, p2025
        $created.PartitionName | Should -Be @('p2024', 'p2025')
        $created[0].CollectionName | Should -Be 'docs'
        (Get-MilvusPartition docs).PartitionName | Should -Be @('_default', 'p2024', 'p2025')
        (Get-MilvusPartition docs 'p20*').RowCount | Should -Be @(0, 0)
        Get-MilvusPartition docs nosuch -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusPartitionNotFound,Milvus.PowerShell.Commands.Partition.GetMilvusPartitionCommand'
    }

    It 'gets partitions of a piped collection' {
        (Get-MilvusCollection docs | Get-MilvusPartition).Count | Should -Be 3
    }

    It 'names partitions with -Name, also under a piped collection' {
        (Get-MilvusCollection docs | Get-MilvusPartition -Name 'p20*').PartitionName | Should -Be @('p2024', 'p2025')
        (Get-MilvusPartition -CollectionName docs -Name p2024).PartitionName | Should -BeExactly 'p2024'
    }

    It 'completes partition names of the given collection' {
        $line = 'Remove-MilvusPartition -CollectionName docs -PartitionName p2'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('p2024', 'p2025')
    }

    It 'loads and releases partitions' {
        New-MilvusIndex docs embedding -IndexType FLAT -MetricType IP | Out-Null
        Mount-MilvusPartition docs p2024 | Should -BeNullOrEmpty
        (Get-MilvusLoadState docs p2024).State | Should -Be 'Loaded'
        Dismount-MilvusPartition docs p2024
        $loaded = @(Mount-MilvusPartition docs p2024 -PassThru)
        $loaded.Count | Should -Be 1
        $loaded[0] | Should -BeOfType ([Milvus.PowerShell.Models.MilvusPartitionInfo])
        $loaded[0].CollectionName | Should -BeExactly 'docs'
        $loaded[0].PartitionName | Should -BeExactly 'p2024'
        $loaded[0].RowCount | Should -Be (Get-MilvusPartition docs p2024).RowCount
        Remove-MilvusPartition docs p2024 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].ErrorDetails.Message | Should -BeLike 'partition cannot be dropped, partition is loaded, please release it first*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeExactly 'Release it with Dismount-MilvusPartition, then run Remove-MilvusPartition again.'
        (Get-MilvusPartition docs p2024).PartitionName | Should -BeExactly 'p2024'
        Dismount-MilvusPartition docs p2024
        (Get-MilvusLoadState docs p2024).State | Should -Be 'NotLoad'
    }

    It 'loads partitions with -NoWait (one LoadPartitions, no progress wait)' {
        Mount-MilvusPartition docs p2024, p2025 -NoWait | Should -BeNullOrEmpty
        (Get-MilvusLoadState docs p2024).State | Should -Be 'Loaded'
        (Get-MilvusLoadState docs p2025).State | Should -Be 'Loaded'
        Dismount-MilvusPartition docs p2024, p2025
        (Get-MilvusLoadState docs p2025).State | Should -Be 'NotLoad'
    }

    It 'writes MilvusPartitionNotFound for a partition that does not exist' {
        Remove-MilvusPartition docs no_such_partition -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'MilvusPartitionNotFound,Milvus.PowerShell.Commands.Partition.RemoveMilvusPartitionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'removes piped partitions' {
        Get-MilvusPartition docs 'p20*' | Remove-MilvusPartition -Confirm:$false
        (Get-MilvusPartition docs).PartitionName | Should -Be @('_default')
    }
}
